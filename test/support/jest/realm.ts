// Jest runs each test file in its own V8 context, but `fetch` comes from Node's own context, so
// `res.json()` built objects with the other context's Object.prototype and node:assert's strict
// deep equality (which compares prototypes) called equal values different. Parse the body here,
// in the test's context, as it was under node's test runner.
const json = async function (this: Response): Promise<unknown> {
  return JSON.parse(await this.text());
};
Object.defineProperty(Response.prototype, 'json', { value: json, configurable: true, writable: true });
