import type { LanguageModel } from '../spec.js';

/** A model backed by HTTP connections, which `close()` ends. */
export interface HttpLanguageModel extends LanguageModel {
  /** Closes the connection pool; later calls fail. Idle connections do not keep the process alive. */
  close(): Promise<void>;
}
