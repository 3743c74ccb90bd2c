import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { prebuiltRouteValidator, type RouteValidator, type ValidatorSource } from './route-validators.prebuilt.js';

type ValidatorFactory = ReturnType<typeof AjvCompiler>;
type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Validator = ReturnType<ReturnType<ValidatorFactory>>;

interface Deferred {
  /** Where the schema belongs, for the error if it does not compile. */
  readonly where: string;
  /** What a request validator is compiled from (the build writes their code ahead). */
  readonly validator?: ValidatorSource;
  compile(): void;
}

/** Per app, the route schemas built but not compiled yet. */
const pending = new Set<Set<Deferred>>();

/** Compiles `build` once, on the first call of the result or by compileDeferredSchemas, whichever comes first. */
function deferredCompile<T>(group: Set<Deferred>, where: string, build: () => T, validator?: ValidatorSource): () => T {
  let compiled: T | undefined;
  const entry: Deferred = {
    where,
    ...(validator ? { validator } : {}),
    compile: () => {
      compiled ??= build();
      group.delete(entry);
    },
  };
  group.add(entry);
  return () => {
    if (compiled === undefined) entry.compile();
    return compiled as T;
  };
}

export interface LazySchemaCompilers {
  /** For Fastify's `schemaController.compilersFactory`. */
  readonly buildValidator: ValidatorFactory;
  readonly buildSerializer: SerializerFactory;
  /** Drops what was never compiled (the app closed), so that it is neither compiled nor kept. */
  forget(): void;
  /** Request validators so far: taken from the build's code, and compiled here. */
  validators(): { readonly prebuilt: number; readonly compiled: number };
}

/**
 * Fastify's own compilers (Ajv for requests, fast-json-stringify for responses), compiling each
 * route's schema on the route's first request or reply, or soon after start-up
 * (compileDeferredSchemas), instead of before the node listens. Compiling all of them was ~0.4 s of
 * every `accord serve` start, paid by each node process a test or a restart starts. Validation and
 * serialization are unchanged: the same compilers with the same options. A request validator whose
 * code the build wrote (route-validators.prebuilt.ts) is loaded instead of compiled.
 */
export function lazySchemaCompilers(options: { readonly prebuiltFolder?: string } = {}): LazySchemaCompilers {
  const group = new Set<Deferred>();
  pending.add(group);
  const validators = AjvCompiler();
  const serializers = SerializerSelector();
  const counts = { prebuilt: 0, compiled: 0 };
  return {
    buildValidator: (externalSchemas, ajvOptions) => {
      // Ajv itself is set up only for a schema the build has no code for.
      let compile: ReturnType<ValidatorFactory> | undefined;
      return (route) => {
        const source: ValidatorSource = { externalSchemas, options: ajvOptions, route };
        const build = (): RouteValidator => {
          const prebuilt = prebuiltRouteValidator(source, options.prebuiltFolder);
          counts[prebuilt ? 'prebuilt' : 'compiled']++;
          return prebuilt ?? ((compile ??= validators(externalSchemas, ajvOptions))(route) as RouteValidator);
        };
        const compiled = deferredCompile(group, `${route.method} ${route.url} ${route.httpPart}`, build, source);
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
    },
    buildSerializer: (externalSchemas, options) => {
      const compile = serializers(externalSchemas, options);
      return (route) => {
        const compiled = deferredCompile(group, `${route.method} ${route.url} ${String(route.httpStatus)}`, () => compile(route));
        return (doc: unknown) => compiled()(doc);
      };
    },
    forget: () => {
      group.clear();
      pending.delete(group);
    },
    validators: () => ({ ...counts }),
  };
}

/** What every request validator not compiled yet would be compiled from (for the build to write their code). */
export function deferredValidatorSources(): ValidatorSource[] {
  return [...pending].flatMap((group) => [...group]).flatMap((entry) => (entry.validator ? [entry.validator] : []));
}

/**
 * Compiles every route schema not compiled yet, one per turn of the event loop (`pause`) so that a
 * serving node answers requests meanwhile; a schema that does not compile is reported with its
 * route once all the others are compiled. Returns how many it compiled.
 */
export async function compileDeferredSchemas(pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<number> {
  let count = 0;
  const failures: string[] = [];
  for (const entry of [...pending].flatMap((group) => [...group])) {
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
