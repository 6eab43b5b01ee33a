// Worker of the micro benchmark: scores its share of the documents on
// request. workerData: { texts, dist } (dist: the compiled library's folder).
// Message in: { kind: 'entropy' | 'devdocai' | 'miair', passes }; out: { seconds, sink }.
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { texts, dist } = workerData;
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const [{ score }, { scanDevdocai }, { shannonEntropy }] = await Promise.all([
  load('index.js'),
  load('metrics/devdocai/scan-devdocai.js'),
  load('metrics/devdocai/shannon-entropy.js'),
]);

const measures = {
  // The predecessor's entropy calculation: tokenize, count words, Shannon entropy of the counts.
  entropy: (text) => {
    const scan = scanDevdocai(text);
    return shannonEntropy(scan.frequencies, scan.words);
  },
  devdocai: (text) => score(text, { profile: 'devdocai' }).quality,
  miair: (text) => score(text, { profile: 'miair' }).quality,
};

parentPort.on('message', ({ kind, passes }) => {
  const measure = measures[kind];
  let sink = 0;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const text of texts) sink += measure(text);
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, sink });
});
parentPort.postMessage({ ready: true });
