/**
 * Test helpers, exported as `miair/testing`: the mock model and the pieces
 * of the offline refiner that tests and benchmarks reuse.
 */
export { createMockModel, defaultMockEdit } from '../providers/mock/create-mock-model.js';
export { DEFAULT_MOCK_SEED } from '../config/defaults.js';
export type { MockModelOptions, MockModelStats, MockLanguageModel } from '../providers/mock/create-mock-model.js';
export type { MockLatency } from '../providers/mock/sample-latency.js';
export { createRandom } from '../providers/mock/create-random.js';
export { createLocalModel, LOCAL_MODEL_ID } from '../providers/local/create-local-model.js';
export type { LocalModelOptions } from '../providers/local/create-local-model.js';
export { refineText } from '../providers/local/refine-text.js';
export type { RefineTextOptions } from '../providers/local/refine-text.js';
export { readStrategyDirective } from '../providers/local/read-strategy-directive.js';
export type { LocalStrategy } from '../providers/local/read-strategy-directive.js';
export { estimateTokens } from '../providers/estimate-tokens.js';
export { startMockLlmServer, MOCK_LLM_NO_DOCUMENT_REPLY } from './mock-llm/start-mock-llm-server.js';
export type { MockLlmServer, MockLlmServerStats, MockLlmRequestRecord } from './mock-llm/start-mock-llm-server.js';
export { MOCK_LLM_FAULTS } from './mock-llm/mock-llm-options.js';
export type { MockLlmServerOptions, MockLlmFault, MockLlmFaultRates } from './mock-llm/mock-llm-options.js';
export { fastMockEdit, MOCK_LLM_EDIT_PRESETS } from './mock-llm/create-mock-llm-edit.js';
export type { MockLlmEditPreset } from './mock-llm/create-mock-llm-edit.js';
export { createMockWorkerModel } from './create-mock-worker-model.js';
export type { MockWorkerModelOptions } from './create-mock-worker-model.js';
