/**
 * English stop words: the Snowball list (snowballstem.org/algorithms/english/stop.txt, BSD licence), with its
 * contractions given as the parts our tokeniser splits them into ("don't" → don + t, "won't" → won + t).
 * The one-letter clitics t, s, d and m are not here: they are stop words only right after an apostrophe
 * (analyze.ts), because alone they name things ("T cells", "vitamin D", "S phase").
 * Added to Snowball: the auxiliaries can, will, must, shall, might and "just", which questions use far more
 * often as function words ("Can I …", "How will …") than documents use as nouns. Left out, as Snowball does:
 * "us" (US) and "may" (the month).
 */
export const ENGLISH_STOP_LIST = `
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
it its itself they them their theirs themselves what which who whom this that these those
am is are was were be been being have has had having do does did doing would should could ought
ll re ve isn aren wasn weren hasn haven hadn doesn don didn won wouldn shan shouldn cannot couldn mustn needn
mightn daren oughtn
a an the and but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here there when
where why how all any both each few more most other some such no nor not only own same so than too very
can will must shall might just
`;
