/**
 * PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more, yet some live events are larger (a
 * receipt listing 2,000 results). A payload over the limit travels as numbered frames, all sent in
 * one statement so they commit together and reach every listener back to back, in order.
 */

/** Under PostgreSQL's limit with room for the frame header. */
const MAX_FRAME_BYTES = 7800;
/** Larger payloads are refused rather than queued: NOTIFY's queue is shared by the whole server. */
export const MAX_FRAMES = 256;
/** Starts every frame; plain payloads may not start with it (PostgreSQL text cannot hold U+0000). */
const MARK = '\u0001';

export class PayloadTooLarge extends Error {}

/** The payloads to send for one message: itself when small enough, else its frames. */
export function framesOf(payload: string, messageId: string): string[] {
  if (payload.startsWith(MARK)) throw new Error('a payload cannot start with U+0001');
  const bytes = Buffer.byteLength(payload);
  if (bytes <= MAX_FRAME_BYTES) return [payload];
  if (bytes > MAX_FRAMES * MAX_FRAME_BYTES) throw new PayloadTooLarge(`payload of ${bytes} bytes exceeds ${MAX_FRAMES} frames`);
  const pieces: string[] = [];
  for (let start = 0; start < payload.length; ) {
    let end = Math.min(start + MAX_FRAME_BYTES, payload.length);
    // Chinese or Russian text takes 2-3 bytes a character: shrink the piece until it fits.
    for (let bytes = Buffer.byteLength(payload.slice(start, end)); bytes > MAX_FRAME_BYTES; bytes = Buffer.byteLength(payload.slice(start, end)))
      end = start + Math.floor(((end - start) * MAX_FRAME_BYTES) / bytes) - 1;
    // Never split a surrogate pair: each half alone would not survive the trip through UTF-8.
    const last = payload.charCodeAt(end - 1);
    if (end < payload.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(payload.slice(start, end));
    start = end;
  }
  return pieces.map((piece, i) => `${MARK}${messageId}:${i}:${pieces.length}:${piece}`);
}

/** Puts framed payloads back together; plain payloads pass straight through. */
export class FrameAssembler {
  private readonly partial = new Map<string, string[]>();

  /** Returns the whole payload once its last frame is in, else undefined. */
  accept(payload: string): string | undefined {
    if (!payload.startsWith(MARK)) return payload;
    const [messageId = '', index, count] = payload.slice(1).split(':', 3);
    const header = `${MARK}${messageId}:${index}:${count}:`;
    const total = Number(count);
    const pieces = this.partial.get(messageId) ?? [];
    if (!this.partial.has(messageId)) {
      // Frames of one message arrive together; a message cut short (a listener reconnecting) must
      // not hold memory forever, so only a few may be open at once.
      if (this.partial.size >= 16) this.partial.delete(this.partial.keys().next().value as string);
      this.partial.set(messageId, pieces);
    }
    pieces[Number(index)] = payload.slice(header.length);
    if (pieces.filter((p) => p !== undefined).length < total) return undefined;
    this.partial.delete(messageId);
    return pieces.join('');
  }
}
