/** CouchDB's user context: who is asking. */
export interface UserCtx {
  name: string | null;
  roles: string[];
}

/** Nobody logged in. */
export const ANONYMOUS: UserCtx = Object.freeze({ name: null, roles: [] }) as UserCtx;

/** Whether `ctx` is a server admin. */
export const isServerAdmin = (ctx: UserCtx): boolean => ctx.roles.includes('_admin');
