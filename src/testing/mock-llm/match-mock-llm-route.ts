import { anthropicDialect } from './anthropic-dialect.js';
import { openaiDialect } from './openai-dialect.js';
import type { MockLlmDialect } from './mock-llm-dialect.js';

/** What a request path asks for. */
export type MockLlmRoute =
  | { kind: 'chat'; dialect: MockLlmDialect; pathModel: string | null }
  | { kind: 'models'; dialect: MockLlmDialect }
  /** A known path with a missing piece (Azure without `api-version`): HTTP 400 with this message. */
  | { kind: 'invalid'; dialect: MockLlmDialect; message: string }
  | { kind: 'not-found'; dialect: MockLlmDialect };

const AZURE_PREFIX = '/openai/deployments/';
const AZURE_SUFFIX = '/chat/completions';

/**
 * Maps a method and URL (path and query) to a route: OpenAI chat under
 * `/v1/chat/completions` and `/chat/completions` (base URLs with or without
 * `/v1`), Azure's `/openai/deployments/{id}/chat/completions?api-version=...`,
 * Anthropic's `/v1/messages`, and the model list under `/v1/models` and
 * `/models`. Anything else is `not-found`, in the dialect its path suggests.
 */
export function matchMockLlmRoute(method: string | undefined, url: string): MockLlmRoute {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (method === 'POST') {
    if (path === '/v1/chat/completions' || path === '/chat/completions') return { kind: 'chat', dialect: openaiDialect, pathModel: null };
    if (path === '/v1/messages') return { kind: 'chat', dialect: anthropicDialect, pathModel: null };
    if (path.startsWith(AZURE_PREFIX) && path.endsWith(AZURE_SUFFIX) && path.length > AZURE_PREFIX.length + AZURE_SUFFIX.length) {
      const deployment = decodeURIComponent(path.slice(AZURE_PREFIX.length, -AZURE_SUFFIX.length));
      if (deployment.includes('/')) return { kind: 'not-found', dialect: openaiDialect };
      const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
      if (!query.get('api-version')) {
        return { kind: 'invalid', dialect: openaiDialect, message: 'Missing required query parameter api-version (Azure OpenAI), e.g. ?api-version=2024-10-21.' };
      }
      return { kind: 'chat', dialect: openaiDialect, pathModel: deployment };
    }
  }
  if (method === 'GET' && (path === '/v1/models' || path === '/models')) return { kind: 'models', dialect: openaiDialect };
  return { kind: 'not-found', dialect: path.startsWith('/v1/messages') ? anthropicDialect : openaiDialect };
}
