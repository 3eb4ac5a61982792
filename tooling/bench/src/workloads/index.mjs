// The workloads in the order they run and print.
import { attachmentsGet, attachmentsPut } from './attachments.mjs';
import { findWorkloads } from './find.mjs';
import { gets, keys } from './reads.mjs';
import { replicationWorkloads } from './replication.mjs';
import { allDocs, changes, paging, ranges } from './scans.mjs';
import { viewWorkloads } from './views.mjs';
import { bulkInsert, singlePuts, updates } from './writes.mjs';

export const workloads = [
  singlePuts,
  bulkInsert,
  gets,
  updates,
  allDocs,
  ranges,
  keys,
  paging,
  changes,
  attachmentsPut,
  attachmentsGet,
  ...viewWorkloads,
  ...findWorkloads,
  ...replicationWorkloads,
];
