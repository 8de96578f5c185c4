/** Calling a test server over real HTTP: status, headers, the body as text and, when it is JSON, parsed. */

export interface Answer { status: number; headers: Headers; json: Record<string, unknown>; text: string }

export async function call(base: string, route: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${route}`, init);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch { /* HTML answers */ }
  return { status: res.status, headers: res.headers, json, text };
}

export const postJson = (base: string, route: string, body: unknown, signal?: AbortSignal): Promise<Answer> =>
  call(base, route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
