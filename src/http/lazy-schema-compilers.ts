import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type ValidatorFactory = ReturnType<typeof AjvCompiler>;
type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Validator = ReturnType<ReturnType<ValidatorFactory>>;

interface Deferred {
  /** Where the schema belongs, for the error if it does not compile. */
  readonly where: string;
  compile(): void;
}

/** Route schemas built but not compiled yet, in every app of this process. */
const deferred = new Set<Deferred>();

/** Compiles `build` once, on the first call of `use` or by compileDeferredSchemas, whichever comes first. */
function deferredCompile<T>(where: string, build: () => T): () => T {
  let compiled: T | undefined;
  const entry: Deferred = {
    where,
    compile: () => {
      compiled ??= build();
      deferred.delete(entry);
    },
  };
  deferred.add(entry);
  return () => {
    if (compiled === undefined) entry.compile();
    return compiled as T;
  };
}

/**
 * Fastify's own validator compiler (Ajv), compiling each route's schema on the route's first
 * request, or soon after start-up (compileDeferredSchemas), instead of before the node listens.
 * Compiling all of them was ~0.4 s of every `accord serve` start, paid by each node process a test
 * or a restart starts. Validation is unchanged: the same Ajv with the same options.
 */
export function lazyValidatorFactory(): ValidatorFactory {
  const build = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      const compiled = deferredCompile(`${route.method} ${route.url} ${route.httpPart}`, () => compile(route) as (data: unknown, context?: unknown) => boolean);
      const validate = Object.assign(
        (data: unknown, context?: unknown): boolean => {
          const real = compiled();
          const valid = real(data, context);
          validate.errors = (real as unknown as Validator).errors;
          return valid;
        },
        // Fastify passes the parent object only to functions carrying Ajv's `schemaEnv`: coercion needs it.
        { schemaEnv: true, errors: undefined as Validator['errors'] },
      );
      return validate as unknown as Validator;
    };
  };
}

/** Fastify's response serializer compiler, compiling each response schema on its first reply or soon after start-up. */
export function lazySerializerFactory(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      const compiled = deferredCompile(`${route.method} ${route.url} ${String(route.httpStatus)}`, () => compile(route));
      return (doc: unknown) => compiled()(doc);
    };
  };
}

/**
 * Compiles every route schema not compiled yet, one per turn of the event loop (`pause`) so that a
 * serving node answers requests meanwhile; a schema that does not compile is reported with its
 * route once all the others are compiled. Returns how many it compiled.
 */
export async function compileDeferredSchemas(pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<number> {
  let count = 0;
  const failures: string[] = [];
  for (const entry of [...deferred]) {
    try {
      entry.compile();
      count++;
    } catch (error) {
      failures.push(`${entry.where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause();
  }
  if (failures.length) throw new Error(`route schemas that do not compile: ${failures.join('; ')}`);
  return count;
}
