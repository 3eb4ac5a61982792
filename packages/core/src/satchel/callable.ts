/**
 * Wraps a class so it can also be called without `new`, as PouchDB's constructor can:
 * `PouchDB('db')` and `new PouchDB('db')` give the same thing. Statics, `instanceof` and
 * subclassing go through to the class unchanged.
 */
export function callable<C extends abstract new (...args: never[]) => object>(
  ctor: C,
): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(ctor, {
    apply(target, _thisArg, args: unknown[]) {
      return Reflect.construct(target, args);
    },
  }) as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}
