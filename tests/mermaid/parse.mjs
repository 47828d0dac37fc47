// Reads Mermaid documents separated by a line "%%%%" on stdin; prints, as JSON, "ok" or Mermaid's
// parse error for each. Mermaid needs a DOM even to parse, which jsdom gives it.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const verdicts = [];
for (const text of input.split("\n%%%%\n")) {
  try {
    await mermaid.parse(text);
    verdicts.push("ok");
  } catch (error) {
    verdicts.push(String(error?.message ?? error));
  }
}
console.log(JSON.stringify(verdicts));
