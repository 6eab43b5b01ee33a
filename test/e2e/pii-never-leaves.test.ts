import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapLanguageModel } from '../../src/providers/middleware/language-model-middleware.js';
import { createOpenAIModel } from '../../src/providers/openai/create-openai-model.js';
import { piiMiddleware } from '../../src/providers/pii/pii-middleware.js';
import { refine } from '../../src/refine/refine.js';
import { startMockLlmServer, type MockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';

const API_KEY = 'sk-test-e2e-key-not-a-secret';

// Planted values: every kind the issue lists.
const PLANTED = {
  email: 'grace.hopper@navy-history.dev',
  otherEmail: 'ada@lovelace.dev',
  phone: '+44 20 7946 0958',
  card: '4539 1488 0343 6467',
  iban: 'DE89 3704 0044 0532 0130 00',
  awsKey: 'AKIAZ7QWERTYUIOPASDF',
  pemBody:
    'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz',
  urlPassword: 'S3cr3tPw9x',
} as const;

// Repeated words ("the the") give the mock server's edit something to fix, so candidates get accepted.
const DOCUMENTS = [
  `# Support\n\nWrite to ${PLANTED.email} or call ${PLANTED.phone} if the the build fails.\nYou can also reach ${PLANTED.otherEmail}, and again ${PLANTED.email}.\n\nRefunds go to ${PLANTED.iban}; the test card is ${PLANTED.card}.\n`,
  `# Deploy\n\nSet the the key before you deploy:\n\n\`\`\`sh\nexport AWS_ACCESS_KEY_ID=${PLANTED.awsKey}\nexport DATABASE_URL=postgres://app:${PLANTED.urlPassword}@db.internal:5432/app\n\`\`\`\n\nThe the service reads the token ${PLANTED.jwt} at start.\n`,
  `# Keys\n\nThis is the the private key of the staging host:\n\n\`\`\`\n-----BEGIN RSA PRIVATE KEY-----\n${PLANTED.pemBody}\n-----END RSA PRIVATE KEY-----\n\`\`\`\n\nAsk ${PLANTED.otherEmail} for a new one.\n`,
];

function occurrences(text: string, value: string): number {
  return text.split(value).length - 1;
}

describe('PII masking end to end', () => {
  let server: MockLlmServer;

  beforeAll(async () => {
    server = await startMockLlmServer({ latencyMs: 0, apiKey: API_KEY });
  });

  afterAll(async () => {
    await server.close();
  });

  it('never sends a planted value and returns every one unchanged when refine runs with --pii mask', async () => {
    const inner = createOpenAIModel({ apiKey: API_KEY, baseURL: `${server.url}/v1`, modelId: 'gpt-4o-mini' });
    const model = wrapLanguageModel(inner, [piiMiddleware({ mode: 'mask' })]);
    let accepted = 0;
    try {
      for (const document of DOCUMENTS) {
        const result = await refine(document, { model, gate: 100, maxIterations: 2 });
        expect(result.error).toBeNull();
        accepted += result.iterations.filter((iteration) => iteration.accepted).length;
        for (const value of Object.values(PLANTED)) expect(occurrences(result.text, value)).toBe(occurrences(document, value));
      }
    } finally {
      await inner.close();
    }
    // The edits were really applied and restored, not merely rejected.
    expect(accepted).toBeGreaterThan(0);
    const chatRequests = server.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chatRequests.length).toBeGreaterThanOrEqual(DOCUMENTS.length);
    for (const request of server.requests) {
      const sent = `${request.method} ${request.path}\n${JSON.stringify(request.headers)}\n${request.body}`;
      for (const value of Object.values(PLANTED)) expect(sent).not.toContain(value);
      // JSON escapes the newline inside the PEM body: check its lines one by one too.
      for (const line of PLANTED.pemBody.split('\n')) expect(sent).not.toContain(line);
    }
    expect(chatRequests.some((request) => request.body.includes('[EMAIL_1]'))).toBe(true);
  });

  it('never sends a value in any case and leaves the system message as written when findings quote values and a password is a common word', async () => {
    // Written twice, so the duplicate-word finding quotes the key and the IBAN.
    const awsKey = 'AKIAZ7QWERTYUIOPASDF';
    const iban = 'GB82WEST12345698765432';
    const document = `# Staging\n\nThe access key is ${awsKey} ${awsKey} for staging.\n\nRefunds go to ${iban} ${iban} today.\n\nThe mirror is ftp://mirror:document@ftp.example-mirror.org/pub for this documentation.\n`;
    const inner = createOpenAIModel({ apiKey: API_KEY, baseURL: `${server.url}/v1`, modelId: 'gpt-4o-mini' });
    const model = wrapLanguageModel(inner, [piiMiddleware({ mode: 'mask' })]);
    const before = server.requests.length;
    try {
      const result = await refine(document, { model, gate: 100, maxIterations: 1 });
      expect(result.error).toBeNull();
    } finally {
      await inner.close();
    }
    const chatRequests = server.requests.slice(before).filter((request) => request.path.endsWith('/chat/completions'));
    expect(chatRequests.length).toBeGreaterThan(0);
    for (const request of chatRequests) {
      const sent = request.body.toLowerCase();
      for (const value of [awsKey, iban]) expect(sent).not.toContain(value.toLowerCase());
      const messages = (JSON.parse(request.body) as { messages: { role: string; content: string }[] }).messages;
      expect(messages[0]!.role).toBe('system');
      expect(messages[0]!.content).toContain('You are an editor of technical documentation. Revise the document');
      expect(messages[0]!.content).not.toContain('[PASSWORD_');
      expect(messages[1]!.content).toContain('is written twice');
      expect(messages[1]!.content).toContain('ftp://mirror:[PASSWORD_1]@ftp.example-mirror.org/pub for this documentation.');
    }
  });

  it('sends nothing and reports INPUT_CONTAINS_SECRETS when refine runs with --pii block', async () => {
    const inner = createOpenAIModel({ apiKey: API_KEY, baseURL: `${server.url}/v1`, modelId: 'gpt-4o-mini' });
    const model = wrapLanguageModel(inner, [piiMiddleware({ mode: 'block' })]);
    const before = server.requests.length;
    try {
      const result = await refine(DOCUMENTS[1]!, { model, gate: 100 });
      expect(result.error?.code).toBe('INPUT_CONTAINS_SECRETS');
      expect(result.text).toBe(DOCUMENTS[1]);
      expect(JSON.stringify(result.error?.toJSON())).not.toContain(PLANTED.awsKey);
    } finally {
      await inner.close();
    }
    expect(server.requests.length).toBe(before);
  });
});
