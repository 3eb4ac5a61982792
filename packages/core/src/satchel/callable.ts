/**
 * Wraps a class so it can also be called without `new`, as PouchDB's constructor can:
 * `PouchDB('db')` and `new PouchDB('db')` give the same thing. Statics, `instanceof` and
 * subclassing go through to the class unchanged.
 */
export function callable<C extends abstract new (...args: never[]) => object>(
  ctor: C,
): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  const wrapper: C = new Proxy(ctor, {
    apply: (target, _thisArg, args: unknown[]) => Reflect.construct(target, args),
    // `new` on the wrapper builds with the class itself as `new.target`: the engine caches the
    // object layout of a class's instances, but makes a new one for every instance built for a
    // proxy (every database would then have a shape of its own, and code handling databases
    // would keep being optimized again). A subclass's `new` keeps its own `new.target`.
    construct: (target, args: unknown[], newTarget: Function): object =>
      Reflect.construct(target, args, newTarget === wrapper ? target : newTarget),
  });
  return wrapper as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}
