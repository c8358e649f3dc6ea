import type { PinyinMatcher } from "../../domain/pinyinSearch";

let loading: Promise<PinyinMatcher> | undefined;

/**
 * pinyin-match (its dictionary is about 20 KB gzipped) in a chunk of its own, fetched with the first search that
 * may be pinyin — not in the pane's initial JavaScript (T5: 250 KB, test/build.test.ts). One matcher for the
 * session, so the names it has prepared stay prepared across searches and views. A failed fetch is not kept:
 * the next search tries again.
 */
export function loadPinyinMatcher(): Promise<PinyinMatcher> {
  // The matcher's own code travels in the same chunk as the library (nothing of it in the initial JavaScript).
  loading ??= Promise.all([import(/* webpackChunkName: "pinyin" */ "pinyin-match"), import(/* webpackChunkName: "pinyin" */ "../../domain/pinyinSearch")]).then(
    ([lib, { createPinyinMatcher }]) => createPinyinMatcher((input, keys) => lib.default.match(input, keys)),
  );
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
