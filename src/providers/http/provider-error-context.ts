/** What the HTTP error mapping needs to know about the adapter that called. */
export interface ProviderErrorContext {
  /** The vendor as users know it, for messages: `OpenAI`, `Anthropic`. */
  vendorName: string;
  /** Where the key comes from, for messages: `--api-key or OPENAI_API_KEY`. */
  keySource: string;
  /** The model asked for. */
  modelId: string;
  /** The endpoint without credentials or query: origin and path. */
  endpoint: string;
  /** The API key; removed from every text an error quotes. */
  secret: string;
}
