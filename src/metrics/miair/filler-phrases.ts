/**
 * Filler words and boilerplate phrases that add length but no information,
 * as lower-case word sequences (the tokenizer splits at hyphens, so
 * "fast-paced" is `fast paced`). Drawn from plain-language guides and from
 * the stock phrases of generated text.
 */
export const FILLER_PHRASES: readonly string[] = [
  'a wide range of',
  'actually',
  'as a matter of fact',
  'as mentioned above',
  'as previously mentioned',
  'at the end of the day',
  'at this point in time',
  'basically',
  'best in class',
  'cutting edge',
  'due to the fact that',
  'each and every',
  'extremely',
  'fast paced',
  'first and foremost',
  'for all intents and purposes',
  'game changer',
  'in order to',
  'in the event that',
  'in this day and age',
  'in today’s',
  "in today's",
  'it goes without saying',
  'it is important to note',
  'it is worth mentioning',
  'it is worth noting',
  'it should be noted',
  'last but not least',
  'literally',
  'needless to say',
  'plays a crucial role',
  'plays a key role',
  'plays a vital role',
  'please note that',
  'really',
  'seamless',
  'seamlessly',
  'state of the art',
  'take it to the next level',
  'the fact that',
  'unlock the power',
  'very',
  'without further ado',
  'world class',
];

/** Filler phrases indexed by their first word, each as its list of words. */
export const FILLER_BY_FIRST_WORD: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const index = new Map<string, string[][]>();
  for (const phrase of FILLER_PHRASES) {
    const words = phrase.split(' ');
    const first = words[0] as string;
    const list = index.get(first) ?? [];
    list.push(words);
    index.set(first, list);
  }
  return index;
})();
