/* Query normaliser for Material's built-in search. How search works: docs/about/search.md.
 *
 * Material segments the pages with jieba when the site is built, but cuts a Chinese query in the
 * browser greedily against the index, which drops its last characters (砍头息 → 砍头*, 借款利息 →
 * 借款*); and it cannot know that 第六百七十条, 第670条 and 民法典670 name one article. So the query
 * is rewritten before Material's search worker sees it:
 *
 *   1. full-width → half-width, lower case;
 *   2. article references (民法典第六百七十条, 刑法293条之一, 消保法27) → the article's token in the
 *      hidden `keys` field (民法典670, 刑法293.1) and the bare number; law names and nicknames
 *      (消保法, 个保法, 治安法 …) → the law's short title; a year (2012年) → 2012;
 *   3. Chinese text → the words of the index: the most likely cut by the counts of every word in
 *      the index (assets/search-vocabulary.js, written when the site is built) — jieba's method,
 *      with the words jieba actually produced — plus the shorter words inside a long one;
 *      question words, words found all over the site (催收) and stray single characters go;
 *   4. each term is written with "\" between its Chinese characters and "^N" after it. Lunr's
 *      query parser drops the backslashes, Material's greedy cutter only ever sees single
 *      characters (which it leaves alone), and "^N" both weights the term and keeps Material from
 *      appending "*": a term matches the same word of the index, not every word it begins;
 *   5. only the end of the query, the word perhaps still being typed, also matches as the
 *      beginning of a word (爆通 finds 爆通讯录, 1237 finds 12378).
 *
 * It patches Worker.prototype.postMessage for QUERY messages (type 2), a Material internal; the
 * search benchmark test fails if an upgrade breaks it. A query with Lunr syntax (+ - * : ~ ^ ")
 * is passed on untouched.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY
  var HAN = /\p{Script=Han}/u;
  var NUMERAL = "零〇一二两三四五六七八九十百千";
  var STOP = new Set(("怎么办 怎么 怎样 如何 什么 为什么 吗 呢 吧 啊 呀 了 的 得 地 是不是 能不能 " +
    "可不可以 会不会 是否 我 我的 我们 你 你们 他 他们 她 她们 它 要 会 能 就 都 也 还是 在 有 和 " +
    "与 及 或 被 把 给 对 这 那 哪 谁 多久 几 多少 一下 这个 那个 还要 不要 可以 应该").split(" "));
  var WORD = 3, PART = 1; // weights: a word of the query, a shorter word inside it
  var RARE = 0.03; // a shorter word is searched for only if at most this share of sections has it

  var vocab = null;
  function vocabulary() {
    if (vocab) return vocab;
    var data = window.__searchVocabulary || { sections: 1, words: {}, laws: {}, common: [] };
    var total = 0, longest = 1;
    Object.keys(data.words).forEach(function (w) {
      total += data.words[w]; longest = Math.max(longest, w.length);
    });
    Object.keys(data.laws).forEach(function (w) { longest = Math.max(longest, w.length); });
    return (vocab = { count: data.words, laws: data.laws, common: new Set(data.common),
      total: total || 1, longest: Math.min(longest, 16), rare: RARE * data.sections });
  }

  /* 六百七十 → 670, 一千零三十八 → 1038, 十五 → 15 */
  function parseNumeral(text) {
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    var units = { "十": 10, "百": 100, "千": 1000 };
    var digits = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
      "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
    var total = 0, digit = null;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c in units) { total += (digit === null ? 1 : digit) * units[c]; digit = null; }
      else digit = digits[c];
    }
    return total + (digit || 0);
  }

  /* The law named at the end of `text` (民法典 in 我想看民法典), or null. */
  function lawBefore(text, laws) {
    text = text.replace(/[\s《》〈〉<>"“”()（）]+$/, "");
    for (var start = Math.max(0, text.length - 24); start < text.length; start++)
      if (laws[text.slice(start)]) return laws[text.slice(start)];
    return null;
  }

  function lawIn(text, laws) {
    var best = "";
    Object.keys(laws).forEach(function (name) {
      if (name.length > best.length && text.indexOf(name) >= 0) best = name;
    });
    return best ? laws[best] : null;
  }

  /* The most likely cut of a Chinese run into words of the index: the product of the words'
   * frequencies is largest (what jieba does with its dictionary; here the frequency of a word is
   * the number of sections that have it). Law names count as words. */
  function cut(run, v) {
    var score = [0], from = [0];
    for (var i = 1; i <= run.length; i++) {
      score[i] = -Infinity;
      for (var j = Math.max(0, i - v.longest); j < i; j++) {
        var w = run.slice(j, i), n = v.count[w] || (v.laws[w] ? 1 : 0);
        var p = n ? Math.log(n / v.total) : (i - j === 1 ? Math.log(0.1 / v.total) : -Infinity);
        if (score[j] + p > score[i]) { score[i] = score[j] + p; from[i] = j; }
      }
    }
    var out = [];
    for (var k = run.length; k > 0; k = from[k]) out.unshift(run.slice(from[k], k));
    return out;
  }

  /* Words of the index inside a long word (时效中断 → 时效, 中断), as the index has them too;
   * only the rarer ones: a frequent one (管理, 处理) matches half the site and ranks nothing. */
  function inside(word, v) {
    var out = [];
    if (word.length < 3 || v.laws[word]) return out;
    for (var size = 2; size < word.length; size++)
      for (var start = 0; start + size <= word.length; start++) {
        var part = word.slice(start, start + size);
        if (v.count[part] && v.count[part] <= v.rare && !STOP.has(part)) out.push(part);
      }
    return out;
  }

  function normalise(query) {
    if (/[+\-*:~^"\\]/.test(query)) return query; // Lunr syntax, written on purpose
    var v = vocabulary(), laws = v.laws;
    var text = query.normalize("NFKC").toLowerCase();
    var terms = []; // [term, weight]

    // 2. years, then article references with the law named before (or anywhere in) the query
    text = text.replace(/(\d{4})\s*(?:年|版)(?:修正|修订|修改)?版?/g, function (_, year) {
      terms.push([year, WORD]); return " ";
    });
    var ref = new RegExp("(第?)\\s*(\\d+|[" + NUMERAL + "]+)\\s*(条)?" +
      "(?:\\s*之\\s*(\\d+|[一二三四五六七八九十]+))?", "g");
    var unnamed = [], cited = new Set();
    text = text.replace(ref, function (match, di, number, tiao, sub, offset, whole) {
      var chinese = !/^\d+$/.test(number), law = lawBefore(whole.slice(0, offset), laws);
      // an article: 第…条, 第670, 670条, or digits right after a law name (民法典670)
      if (chinese ? !tiao : !(di || tiao || law)) return match;
      var n = parseNumeral(number) + (sub ? "." + parseNumeral(sub) : "");
      if (law) { terms.push([law + n, WORD]); cited.add(law); } else unnamed.push(n);
      terms.push([n, WORD]);
      return " ";
    });
    var named = lawIn(text, laws); // 第670条 民法典
    if (named) unnamed.forEach(function (n) { terms.push([named + n, WORD]); cited.add(named); });

    // 3. words
    var words = [], common = [];
    text.split(/[^\p{Script=Han}a-z0-9.]+/u).forEach(function (chunk) {
      chunk.split(/(\p{Script=Han}+)/u).forEach(function (run, i, runs) {
        if (!run) return;
        if (!HAN.test(run)) { words.push([run, WORD]); return; }
        cut(run, v).forEach(function (word, k, all) {
          // a law named with an article number is already in the article's token
          if (laws[word]) { if (!cited.has(laws[word])) words.push([laws[word], WORD]); return; }
          // a single character stays only when it is glued to Latin or digits: P图, 4倍LPR
          var glued = word.length === 1 && ((k === 0 && runs[i - 1]) || (k === all.length - 1 && runs[i + 1]));
          if (v.common.has(word)) { common.push([word, WORD]); return; }
          if (STOP.has(word) || (word.length === 1 && !glued)) return;
          words.push([word, WORD]);
          inside(word, v).forEach(function (part) { words.push([part, PART]); });
        });
      });
    });
    // 5. while typing: the word being typed may be unfinished (爆通 → 爆通讯录, 1237 → 12378), so
    //    the end of the query is also searched as the beginning of a word
    var last = /(\p{Script=Han}+|[a-z0-9]+)$/u.exec(text);
    if (last && !/\s$/.test(query)) {
      var tail = last[1];
      if (HAN.test(tail)) {
        var pieces = cut(tail, v), end = pieces.length;
        while (end > 0 && pieces[end - 1].length === 1) end--;
        tail = end < pieces.length - 1 ? pieces.slice(end).join("") : pieces[pieces.length - 1];
      }
      // a frequent word of the index is most likely finished (骚扰), and as a beginning it would
      // bring in every longer word (骚扰电话, 骚扰短信 …): it stays a whole word
      var whole = HAN.test(tail) && v.count[tail] > v.rare;
      if (tail.length > 1 && !whole && !STOP.has(tail) && !v.common.has(tail) && !laws[tail])
        words.push([tail + "*", PART]);
    }
    // nothing else was asked (催收, 催收怎么办): the common words, else what was typed
    if (!words.length && !terms.length) words = common;
    if (!words.length && !terms.length)
      text.split(/\s+/).forEach(function (w) { if (w) words.push([w, WORD]); });

    var seen = new Set(), out = [];
    terms.concat(words).forEach(function (t) {
      if (seen.has(t[0])) return;
      seen.add(t[0]);
      out.push(t[0].replace(/(\p{Script=Han})(?=\p{Script=Han})/gu, "$1\\") + "^" + t[1]);
    });
    return out.join(" ") || query;
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: QUERY, data: normalise(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
  window.__normaliseSearchQuery = normalise; // for the tests, and for the curious in the console
})();
