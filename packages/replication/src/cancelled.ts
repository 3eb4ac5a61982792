/** Thrown inside a session once the replication is cancelled; never reported as an error. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
