/**
 * English function words (stemmed where the analyser would stem them). Dropped from queries only: the index
 * keeps them, so a query made of nothing but such words still finds its phrase's chunks.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do doe does for from had has have he her his how i ' +
    'if in into is it its me my no not of on or our she so such than that the their them then there these they ' +
    'thi this those to too us wa was we were what when where which who whom why will with would you your ' +
    'about abov after again against all am ani any because befor before below between both dure during each few ' +
    'further here just more most nor onli only other out over own same should some veri very while'
  ).split(' '),
);
