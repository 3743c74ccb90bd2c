import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { httpMessage } from './problem.js';
import { jsonDepth } from './json-depth.js';

/** The request body as chunks, refusing (413) past `limit` bytes even without a Content-Length. */
export async function* boundedBody(request: FastifyRequest, limit: number): AsyncGenerator<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new AccordError('payload-too-large', httpMessage('bodyTooLarge', { limit }));
  let seen = 0;
  for await (const chunk of request.body as Readable) {
    const buffer = chunk as Buffer;
    seen += buffer.length;
    if (seen > limit) throw new AccordError('payload-too-large', httpMessage('bodyTooLarge', { limit }));
    yield buffer;
  }
}

/** Registers content types whose body the route reads as a stream (bulk STIX, TAXII envelopes). */
export function streamBodies(app: { addContentTypeParser: (types: string[], handler: (req: unknown, payload: Readable, done: (err: Error | null, body?: unknown) => void) => void) => void }, types: string[]): void {
  app.addContentTypeParser(types, (_request, payload, done) => done(null, payload));
}

/** The whole request body as JSON, refusing (413) past `limit` bytes and past `maxDepth` nesting. */
export async function boundedJson(request: FastifyRequest, limit: number, maxDepth: number): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const chunk of boundedBody(request, limit)) parts.push(chunk);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (error) {
    throw new AccordError('malformed-json', httpMessage('badJson', { detail: jsonSyntaxProblem(error) }));
  }
  if (jsonDepth(value, maxDepth) > maxDepth) throw new AccordError('bad-request', httpMessage('tooDeep', { limit: maxDepth }));
  return value;
}
