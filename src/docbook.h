/* docbook.h — what folio's DocBook writer (write_docbook.c) and reader (read_docbook.c) agree on.
 *
 * DocBook has no place for two things the model keeps about a section: the marker the article
 * prints before its title ("亮点一：", "（一）", "第一章 ") and a level that differs from the nesting
 * (a document whose first headings are (一) has top-level sections of level 2).  Both travel in a
 * processing instruction in the DocBook XSL convention (<?dbhtml …?>), which schemas and other
 * tools ignore:
 *     <section xml:id="sec-1" label="亮点一">
 *       <?folio marker="亮点一："?>
 *       <?folio level="2"?>                       only when the level is not the expected one
 *
 * An official document's parts (doc.h) are elements with the part's kind as their role, which the
 * reader takes for parts only where the model may hold them: <para role="addressee">,
 * <orderedlist role="enclosures">, <simpara role="signature">, <simpara role="date">,
 * <note role="annotation">, <appendix role="attachment" label="附件1"> after the sections; its 版头 and
 * 版记 items are in <info> (bibliomisc by role, othercredit otherclass="signer", publisher
 * role="printer", date role="printed").
 *
 * An article without a title gets the title every format shows for none (fo_doc_title), marked
 * as the stand-in it is, so that reading it back gives no title again:
 *     <title role="untitled">无标题</title>
 *
 * A CALS entry is a heading cell when its row is a header row (thead); a cell that is not like its
 * row says so: <entry role="th"> in the body, <entry role="td"> in the head.
 *
 * A collection is a <book> of <article>s (xml:id="art-N"), each with its own <info>; reading such a
 * book gives the collection again.
 */
#ifndef FOLIO_DOCBOOK_H
#define FOLIO_DOCBOOK_H

#include "doc.h"

#define FO_DOCBOOK_NS "http://docbook.org/ns/docbook"
#define FO_XLINK_NS "http://www.w3.org/1999/xlink"
/* What stands in for a photo that the scraped article only describes: "picture not included". */
#define FO_DOCBOOK_NO_IMAGE "图片未收录"
/* The role of a title that only stands in for a missing one. */
#define FO_DOCBOOK_UNTITLED "untitled"
/* The target of folio's processing instructions. */
#define FO_DOCBOOK_PI "folio"

/* The level a section has when nothing says otherwise: one below the section it sits in, 1 at the
 * top (or inside a quotation or list).  The writer records a level only when it differs. */
static inline int fo_docbook_expected_level(const fo_node *section)
{
    const fo_node *p = section->parent;
    return p && p->kind == FO_SECTION ? p->u.section.level + 1 : 1;
}

#endif
