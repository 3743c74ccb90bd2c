/** One problem in a problem+json `errors[]`: which object (index) and which field (JSON pointer). */
export interface ProblemIssue {
  readonly index?: number;
  readonly path: string;
  readonly message: string;
  /** 0-based offset into the value at `path`, when the problem has one (a pattern's syntax error). */
  readonly position?: number;
}

/** An RFC 9457 problem as the node sends it, already in the language we asked for. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly ProblemIssue[];
  readonly requestId?: string;
}

/** A failed API call; `problem` is the node's own explanation when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

let currentLanguage = 'en';

/** The UI language sent as Accept-Language, so the node's messages come back in it. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

export function apiLanguage(): string {
  return currentLanguage;
}

/** Headers every API call carries: the language, and the CSRF proof the cookie session requires for writes. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage,
    'x-accord-csrf': '1',
    ...extra,
  };
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { detail?: unknown }).detail === 'string'
  );
}

/** Reads a failed response into an ApiError, keeping the problem+json body when there is one. */
export async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return new ApiError(response.status, isProblem(body) ? body : undefined);
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** Calls the node's API with the session cookie; resolves to the JSON body, rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers: apiHeaders(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    credentials: 'same-origin',
  };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
  const response = await fetch(path, init);
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds a query string from defined values; arrays repeat the key (type=a&type=b). */
export function query(
  params: Record<string, string | number | boolean | readonly string[] | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
