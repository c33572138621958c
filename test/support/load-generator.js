/* global fetch, AbortSignal, setInterval, clearInterval, setTimeout  */
// A second process that sends GraphQL requests at a steady rate and reports every outcome.
// Usage: node load-generator.js <url> <ratePerSecond> <seconds> <query-json>
// Prints one JSON line per second ({"t":..,"sent":..}) and a final {"done":true,"samples":[...]}.
'use strict';
const [url, rateText, secondsText, bodyText] = process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
const body = bodyText;
const samples = [];

let inFlight = 0;

async function once() {
  const t0 = Date.now();
  inFlight += 1;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let codes = [];
    let data = false;
    try {
      const json = JSON.parse(text);
      codes = (json.errors || []).map(
        (e) => `${e.extensions && e.extensions.code}:${e.extensions && e.extensions.backend}`,
      );
      data = json.data !== undefined && json.data !== null;
    } catch {
      codes = ['NOT_JSON'];
    }
    samples.push({ at: t0, ms: Date.now() - t0, status: response.status, codes, data });
  } catch (error) {
    samples.push({ at: t0, ms: Date.now() - t0, status: 0, codes: [`NETWORK:${error.name}`], data: false });
  } finally {
    inFlight -= 1;
  }
}

const timer = setInterval(() => void once(), 1000 / rate);
setTimeout(async () => {
  clearInterval(timer);
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  process.stdout.write(`${JSON.stringify({ done: true, samples })}\n`);
}, seconds * 1000);
