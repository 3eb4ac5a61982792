import { EventEmitter, type Listener } from './event-emitter.js';

/**
 * The constructor-level emitter PouchDB exposes as statics (`PouchDB.on('created', …)`):
 * `created`, `destroyed`, `unref` and `debug`. Constructors made with `defaults` share it.
 * Each method returns the constructor it was called on, so calls chain as in PouchDB.
 */
export class ConstructorEvents extends EventEmitter {
  /** The emitter behind the static methods. */
  static _emitter = new EventEmitter();

  static on<C>(this: C, event: string, listener: Listener): C {
    (this as typeof ConstructorEvents)._emitter.on(event, listener);
    return this;
  }

  static once<C>(this: C, event: string, listener: Listener): C {
    (this as typeof ConstructorEvents)._emitter.once(event, listener);
    return this;
  }

  static addListener<C>(this: C, event: string, listener: Listener): C {
    (this as typeof ConstructorEvents)._emitter.on(event, listener);
    return this;
  }

  static removeListener<C>(this: C, event: string, listener: Listener): C {
    (this as typeof ConstructorEvents)._emitter.removeListener(event, listener);
    return this;
  }

  static off<C>(this: C, event: string, listener: Listener): C {
    (this as typeof ConstructorEvents)._emitter.removeListener(event, listener);
    return this;
  }

  static removeAllListeners<C>(this: C, event?: string): C {
    (this as typeof ConstructorEvents)._emitter.removeAllListeners(event);
    return this;
  }

  static listeners(event: string): Listener[] {
    return this._emitter.listeners(event);
  }

  static listenerCount(event: string): number {
    return this._emitter.listenerCount(event);
  }

  static emit(event: string, ...args: unknown[]): boolean {
    return this._emitter.emit(event, ...args);
  }

  static setMaxListeners<C>(this: C, n: number): C {
    (this as typeof ConstructorEvents)._emitter.setMaxListeners(n);
    return this;
  }
}
