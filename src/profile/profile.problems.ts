import type { Message } from '../i18n/messages.js';

/** One thing wrong with a profile: where (e.g. `parties[1].timeZone`) and what, in every language. */
export interface ProfileProblem {
  readonly path: string;
  readonly message: Message;
}

type Segment = string | number;

/** Writes a path the way a reader of the YAML looks for it: `parties[1].timeZone`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(profile)';
}

/** Turns a JSON pointer (`/parties/1/timeZone`) into path segments. */
export function pointerSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(?:0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}
