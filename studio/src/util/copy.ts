/** A deep copy of a JSON document, reactive proxies at any depth included (structuredClone refuses them). */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
