import { defineMessages, literal, type Message } from '../i18n/messages.js';

const networkMessage = defineMessages(
  'network',
  {
    refused: 'the connection was refused: nothing listens at that address',
    notFound: 'the host name does not resolve',
    unreachable: 'there is no network route to the host',
    timeout: 'no answer within {ms} ms',
    timedOut: 'the connection timed out',
    closed: 'the connection was closed before the answer came',
    untrusted: 'its TLS certificate is not trusted ({code})',
    tooLarge: 'its answer is over {bytes} bytes',
  },
  {
    refused: '连接被拒绝：该地址上没有服务在监听',
    notFound: '无法解析该主机名',
    unreachable: '没有到该主机的网络路由',
    timeout: '{ms} 毫秒内没有应答',
    timedOut: '连接超时',
    closed: '应答到达之前连接已关闭',
    untrusted: '其 TLS 证书不受信任（{code}）',
    tooLarge: '其应答超过 {bytes} 字节',
  },
  {
    refused: 'в соединении отказано: по этому адресу никто не слушает',
    notFound: 'имя хоста не разрешается',
    unreachable: 'нет сетевого маршрута до хоста',
    timeout: 'нет ответа за {ms} мс',
    timedOut: 'истекло время ожидания соединения',
    closed: 'соединение закрыто до получения ответа',
    untrusted: 'его сертификату TLS нет доверия ({code})',
    tooLarge: 'его ответ больше {bytes} байт',
  },
);

/** A failure of the peer client's own making (time-out, oversized answer), told apart from the system's. */
export class PeerTransportError extends Error {
  constructor(readonly reason: Message) {
    super(reason.text('en'));
  }
}

const byCode: Readonly<Record<string, () => Message>> = {
  ECONNREFUSED: () => networkMessage('refused'),
  ENOTFOUND: () => networkMessage('notFound'),
  EAI_AGAIN: () => networkMessage('notFound'),
  EHOSTUNREACH: () => networkMessage('unreachable'),
  ENETUNREACH: () => networkMessage('unreachable'),
  ETIMEDOUT: () => networkMessage('timedOut'),
  ECONNRESET: () => networkMessage('closed'),
  EPIPE: () => networkMessage('closed'),
};

/**
 * Why a peer could not be reached, in the operator's language: it is shown in `peer list` and the
 * UI for as long as the peer stays down, so Node's English ("connect ECONNREFUSED …") would be the
 * one line an operator reads most. Certificate problems keep OpenSSL's code, which is what to search for.
 */
export function networkFailure(cause: unknown): Message {
  if (cause instanceof PeerTransportError) return cause.reason;
  // fetch (undici) says only "fetch failed"; the system error it met is its cause.
  if (cause instanceof Error && (cause as NodeJS.ErrnoException).code === undefined && cause.cause instanceof Error) return networkFailure(cause.cause);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : byCode[code];
  if (known) return known();
  if (code !== undefined && (/CERT|SELF_SIGNED|SIGNATURE/.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID')) return networkMessage('untrusted', { code });
  return literal(cause instanceof Error ? cause.message : String(cause));
}

export const timeoutFailure = (ms: number): PeerTransportError => new PeerTransportError(networkMessage('timeout', { ms }));
export const oversizeFailure = (bytes: number): PeerTransportError => new PeerTransportError(networkMessage('tooLarge', { bytes }));
