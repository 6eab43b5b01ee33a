import { describe, expect, it } from 'vitest';
import type { LanguageModel, LanguageModelWarning } from '../spec.js';
import { wrapLanguageModel } from './language-model-middleware.js';
import { warningsMiddleware } from './warnings-middleware.js';

function createWarningModel(warningsOfCall: (call: number) => LanguageModelWarning[]): LanguageModel {
  let calls = 0;
  return {
    provider: 'acme',
    modelId: 'm1',
    doGenerate: () => Promise.resolve({ text: `answer ${++calls}`, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: warningsOfCall(calls) }),
  };
}

const CALL = { messages: [{ role: 'user' as const, content: 'x' }], maxOutputTokens: 10, temperature: 0.2 };

describe('warningsMiddleware', () => {
  it('tells each distinct warning once, names the model, and passes the answers through', async () => {
    const told: string[] = [];
    const model = wrapLanguageModel(
      createWarningModel((call) => [{ type: 'other', setting: 'temperature', message: 'capped at 1' }, ...(call === 2 ? [{ type: 'unsupported' as const, setting: 'seed' }] : [])]),
      [warningsMiddleware({ onWarning: (text) => told.push(text) })],
    );
    const answers = [];
    for (let call = 0; call < 3; call++) answers.push(await model.doGenerate(CALL));
    expect(answers.map((answer) => answer.text)).toEqual(['answer 1', 'answer 2', 'answer 3']);
    expect(answers[1]?.warnings).toHaveLength(2);
    expect(told).toEqual(['acme/m1: capped at 1', 'acme/m1: the setting `seed` was not honoured']);
  });

  it('keeps answering when telling throws, and stops remembering at maxWarnings', async () => {
    const told: string[] = [];
    const model = wrapLanguageModel(createWarningModel((call) => [{ type: 'other', message: `usage estimated ${call}` }]), [
      warningsMiddleware({
        maxWarnings: 2,
        onWarning: (text) => {
          told.push(text);
          throw new Error('a broken display');
        },
      }),
    ]);
    for (let call = 0; call < 4; call++) await expect(model.doGenerate(CALL)).resolves.toMatchObject({ text: `answer ${call + 1}` });
    expect(told).toEqual(['acme/m1: usage estimated 1', 'acme/m1: usage estimated 2']);
  });
});
