/**
 * A loopback server that answers every request with one fixed status,
 * headers and body, for the vendor shapes the mock LLM server does not
 * produce (a 429 with only the vendor's reset headers, an answer without
 * usage, a body that echoes the key).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fixed-response server. */
export interface FixedResponseServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFixedResponseServer(status: number, headers: Record<string, string>, body: string): Promise<FixedResponseServer> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
