import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { AccordError, detailsIn, isAccordError, type ErrorCode } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { errorTitle } from '../errors/error-titles.js';
import { defineMessages } from '../i18n/messages.js';
import { schemaProblems } from '../stix/schema-issues.js';

const httpMessage = defineMessages(
  'http',
  {
    invalidRequest: 'The request does not match the schema: {detail}',
    bodyTooLarge: 'The request body is larger than {limit} bytes',
    badJson: 'The request body is not valid JSON: {detail}',
    emptyBody: 'the body is empty',
    problemAt: '{path}: {problem}',
    badLength: 'The request body is not as long as its Content-Length says',
    unsupportedType: 'Unsupported Content-Type {type}',
    tooDeep: 'JSON nested deeper than {limit} levels',
    notFound: 'No route {method} {url}',
    internal: 'Something went wrong on this node; the error is logged with request id {requestId}',
  },
  {
    invalidRequest: '请求不符合模式：{detail}',
    bodyTooLarge: '请求体超过 {limit} 字节',
    badJson: '请求体不是有效的 JSON：{detail}',
    emptyBody: '请求体为空',
    problemAt: '{path}：{problem}',
    badLength: '请求体长度与 Content-Length 不符',
    unsupportedType: '不支持的 Content-Type {type}',
    tooDeep: 'JSON 嵌套超过 {limit} 层',
    notFound: '没有路由 {method} {url}',
    internal: '本节点出现错误；错误已记录，请求编号 {requestId}',
  },
  {
    invalidRequest: 'Запрос не соответствует схеме: {detail}',
    bodyTooLarge: 'Тело запроса больше {limit} байт',
    badJson: 'Тело запроса не является корректным JSON: {detail}',
    emptyBody: 'тело пустое',
    problemAt: '{path}: {problem}',
    badLength: 'Длина тела запроса не совпадает с Content-Length',
    unsupportedType: 'Неподдерживаемый Content-Type {type}',
    tooDeep: 'Вложенность JSON глубже {limit} уровней',
    notFound: 'Нет маршрута {method} {url}',
    internal: 'Ошибка на узле; она записана в журнал с номером запроса {requestId}',
  },
);

export { httpMessage };

/** Turns anything thrown into an AccordError: Fastify's own errors get their proper codes. */
export function toAccordError(error: unknown, request: FastifyRequest, bodyLimit: number): AccordError {
  if (isAccordError(error)) return error;
  const fe = error as Partial<FastifyError>;
  const byCode: Record<string, () => AccordError> = {
    FST_ERR_CTP_BODY_TOO_LARGE: () => new AccordError('payload-too-large', httpMessage('bodyTooLarge', { limit: bodyLimit })),
    FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new AccordError('unsupported-media-type', httpMessage('unsupportedType', { type: request.headers['content-type'] ?? '' })),
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AccordError('bad-request', httpMessage('badLength')),
    FST_ERR_CTP_EMPTY_JSON_BODY: () => new AccordError('malformed-json', httpMessage('badJson', { detail: httpMessage('emptyBody') })),
  };
  if (fe.code && byCode[fe.code]) return (byCode[fe.code] as () => AccordError)();
  if (fe.validation) {
    // Fastify's text is Ajv's English; the same problems said per field in the reader's language.
    const where = fe.validationContext ?? 'request';
    const details = schemaProblems(fe.validation as ErrorObject[]).map((p) => ({ path: `${where}${p.path}`, message: p.message }));
    const first = details[0];
    return new AccordError('validation-failed', httpMessage('invalidRequest', { detail: first ? httpMessage('problemAt', { path: first.path, problem: first.message }) : '' }), { details });
  }
  if (error instanceof SyntaxError || fe.statusCode === 400) return new AccordError('malformed-json', httpMessage('badJson', { detail: error instanceof SyntaxError ? jsonSyntaxProblem(error) : fe.message ?? '' }));
  if (fe.statusCode === 413) return new AccordError('payload-too-large', httpMessage('bodyTooLarge', { limit: bodyLimit }));
  if (fe.statusCode === 415) return new AccordError('unsupported-media-type', httpMessage('unsupportedType', { type: request.headers['content-type'] ?? '' }));
  return new AccordError('internal', httpMessage('internal', { requestId: request.id }), { cause: error });
}

/** Writes an error as RFC 9457 problem+json, or as a TAXII error message on TAXII routes. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AccordError): FastifyReply {
  const locale = request.locale;
  const title = errorTitle(error.code).text(locale);
  const detail = error.description.text(locale);
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  if (request.url.startsWith('/taxii2')) {
    const body = {
      title,
      description: detail,
      error_id: request.id,
      error_code: error.code,
      http_status: String(error.status),
      ...(error.details.length ? { details: { problems: detailsIn(error.details, locale) } } : {}),
    };
    // Sent as bytes: Fastify rewrites a JSON media type (quoting version, adding charset), and outside the
    // TAXII routes (an unknown path) no hook puts back the header literally, as some clients compare it.
    return reply.code(error.status).header('content-type', 'application/taxii+json;version=2.1').send(Buffer.from(JSON.stringify(body)));
  }
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      type: problemType(error.code),
      title,
      status: error.status,
      detail,
      instance: request.url,
      code: error.code,
      requestId: request.id,
      ...(error.details.length ? { errors: detailsIn(error.details, locale) } : {}),
    });
}

export function problemType(code: ErrorCode): string {
  return `urn:accord:problem:${code}`;
}
