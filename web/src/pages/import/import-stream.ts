import { apiHeaders, apiLanguage, ApiError, type Problem } from '../../api/client';
import type { ImportSummary, Outcome } from '../../api/types';

/** One line of the node's NDJSON import response. */
export type ImportLine =
  | { readonly type: 'batch'; readonly outcomes: readonly Outcome[]; readonly summary: ImportSummary }
  | {
      readonly type: 'summary';
      readonly summary: ImportSummary;
      readonly message: string;
      readonly format?: string;
      readonly unmapped?: ReadonlyArray<{ path: string; reason: string }>;
    }
  | { readonly type: 'error'; readonly summary?: ImportSummary; readonly message: string };

/** Cuts a growing text into complete lines; keeps the unfinished tail for the next call. */
export class NdjsonReader {
  private offset = 0;

  /** Parses the complete lines added to `text` since the last call. */
  read(text: string): ImportLine[] {
    const out: ImportLine[] = [];
    for (;;) {
      const end = text.indexOf('\n', this.offset);
      if (end < 0) return out;
      const line = text.slice(this.offset, end).trim();
      this.offset = end + 1;
      if (line) out.push(JSON.parse(line) as ImportLine);
    }
  }
}

export interface ImportCallbacks {
  onUpload(loaded: number, total: number): void;
  onLines(lines: readonly ImportLine[]): void;
  onFailure(error: ApiError | Error): void;
  onEnd(): void;
}

/**
 * Uploads a file to POST /api/v1/import and reports upload progress and every NDJSON line as it
 * arrives (XMLHttpRequest: fetch cannot report upload progress).
 */
export function startImport(file: Blob, collection: string, callbacks: ImportCallbacks): { abort(): void } {
  const xhr = new XMLHttpRequest();
  const reader = new NdjsonReader();
  xhr.open('POST', `/api/v1/import?collection=${encodeURIComponent(collection)}`);
  for (const [name, value] of Object.entries(
    apiHeaders({
      'content-type': 'application/json',
      accept: 'application/x-ndjson, application/problem+json',
      'accept-language': apiLanguage(),
    }),
  ))
    xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (e) => callbacks.onUpload(e.loaded, e.lengthComputable ? e.total : file.size);
  const drain = () => {
    if (xhr.status !== 200) return;
    try {
      const lines = reader.read(xhr.responseText);
      if (lines.length) callbacks.onLines(lines);
    } catch (error) {
      callbacks.onFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };
  xhr.onprogress = drain;
  xhr.onload = () => {
    if (xhr.status === 200) {
      callbacks.onUpload(file.size, file.size);
      drain();
    } else {
      let problem: Problem | undefined;
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        problem = undefined;
      }
      callbacks.onFailure(new ApiError(xhr.status, problem));
    }
    callbacks.onEnd();
  };
  xhr.onerror = () => {
    callbacks.onFailure(new TypeError('network'));
    callbacks.onEnd();
  };
  xhr.send(file);
  return { abort: () => xhr.abort() };
}
