#!/bin/sh
# tests/docbook.test.sh — the seed article as DocBook 5.0: valid (jing), byte-stable, structured as
# the seed is (10 sections, 36 run-in heads, 《》 titles).  Its golden file is compared by
# tests/golden.test.sh.
. tests/lib.sh

RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
out=$TMP/seed.xml

check "folio converts the seed to DocBook" "$FOLIO" "$SEED" -o "$out"
[ -s "$out" ] || { fail "no DocBook output, nothing more to check"; exit 1; }

check "the seed's DocBook is valid against the DocBook 5.0 RELAX NG schema (jing)" jing "$RNG" "$out"

"$FOLIO" "$SEED" -o "$TMP/again.xml" 2>/dev/null
check "two runs give byte-identical DocBook" cmp "$out" "$TMP/again.xml"
"$FOLIO" -t docbook "$SEED" >"$TMP/stdout.xml" 2>/dev/null
check "-t docbook to stdout gives the same bytes as -o FILE.xml" cmp "$out" "$TMP/stdout.xml"
# the sanitized build's run (tests/run.sh's second pass) must write the plain build's very bytes
if [ -x "${FOLIO_PLAIN:-}" ]; then
  "$FOLIO_PLAIN" "$SEED" -o "$TMP/plain.xml"
  check "the same bytes as the plain build's" cmp "$TMP/plain.xml" "$out"
fi

# XPath over the output; xmllint's --xpath cannot bind a prefix, so elements go by local-name().
el() { printf "*[local-name()='%s']" "$1"; }
xpath() { xmllint --xpath "$1" "$out" 2>/dev/null; }
expect() { # expect WHAT XPATH WANT: the XPath's string value is WANT
  got=$(xpath "$2")
  if [ "$got" = "$3" ]; then pass "$1"; else fail "$1: got '$got', want '$3'"; fi
}
expect_at_least() { # expect_at_least WHAT XPATH MIN: the XPath's number is at least MIN
  got=$(xpath "$2")
  if [ "${got:-0}" -ge "$3" ] 2>/dev/null; then pass "$1 ($got)"; else fail "$1: got '$got', want at least $3"; fi
}

A="/$(el article)"
expect "xml:lang is zh-CN" "string($A/@xml:lang)" "zh-CN"
expect "info comes first" "local-name($A/*[1])" "info"
expect "info/title is the article title" "string($A/$(el info)/$(el title))" "为奋力谱写中国式现代化甘肃篇章提供坚实法治保障"
expect "info/subtitle has no dashes" "string($A/$(el info)/$(el subtitle))" "2024年全省法治建设和司法行政工作十大亮点"
expect "the reporter is an author" "string($A/$(el info)/$(el author)/$(el personname))" "龚利芳"
expect "the reporter's paper is the author's affiliation" \
  "string($A/$(el info)/$(el author)/$(el affiliation)/$(el orgname))" "新甘肃·甘肃法治报"
expect "the source is bibliosource" "string($A/$(el info)/$(el bibliosource))" "甘肃法治报"
expect "the site is the publisher" "string($A/$(el info)/$(el publisher)/$(el publishername))" "中国甘肃网"
expect "the breadcrumb is one subject, in order" \
  "concat($A/$(el info)//$(el subjectterm)[1], '>', $A/$(el info)//$(el subjectterm)[2])" "法治甘肃>本网关注"
expect "the pubdate is the article's date and time" "string($A/$(el info)/$(el pubdate))" "2025-01-16T16:16+08:00"
expect "the copyright statement is a legalnotice" "count($A/$(el info)/$(el legalnotice)/$(el para))" "1"
expect "ten top-level sections" "count($A/$(el section))" "10"
expect "the first section is labelled 亮点一" "string($A/$(el section)[1]/@label)" "亮点一"
expect "the last section is labelled 亮点十" "string($A/$(el section)[10]/@label)" "亮点十"
expect "section ids are sec-1 … sec-10" "concat($A/$(el section)[1]/@xml:id, ' ', $A/$(el section)[10]/@xml:id)" "sec-1 sec-10"
expect "36 run-in heads as formalpara" "count(//$(el formalpara))" "36"
expect "the first formalpara title" "string((//$(el formalpara))[1]/$(el title))" "加强宣传解读。"
expect_at_least "《》 titles are citetitle" "count(//$(el citetitle))" 26
expect "four figures without images, each with a textobject and a captioned credit" \
  "count(//$(el informalfigure)/$(el mediaobject)[$(el textobject) and $(el caption)/$(el para)/$(el phrase)[@role='credit']])" "4"
# The seed's text has no spaces of its own, so any leading, trailing or doubled whitespace in an
# element that holds text would be the writer's.
expect "no whitespace added inside para, title, phrase or citetitle" \
  "count(//*[local-name()='para' or local-name()='title' or local-name()='subtitle' or local-name()='phrase' or local-name()='citetitle']/text()[normalize-space(.) != .])" "0"
