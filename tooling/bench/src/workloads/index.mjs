// The workloads in the order they run and print: PouchDB's perf suite, all of it.
import { attachmentWorkloads } from './attachments.mjs';
import { basicWorkloads } from './basics.mjs';
import { findWorkloads } from './find.mjs';
import { replicationWorkloads } from './replication.mjs';
import { viewWorkloads } from './views.mjs';

export const workloads = [
  ...basicWorkloads,
  ...viewWorkloads,
  ...findWorkloads,
  ...attachmentWorkloads,
  ...replicationWorkloads,
];
