#!/usr/bin/env python3
"""Write a long work report (about 40 A4 pages) for packet tests: deterministic, folio's own text.

The report is built from a small bank of sentences about legal-affairs work, combined in a fixed
pseudo-random order, so it reads like the genre (numbered sections, sub-sections, run-in leads)
without copying any real document."""
import random
import sys

NUM = "一二三四五六七八九十"
TOPICS = ["法治政府建设", "公共法律服务", "人民调解", "社区矫正", "法治宣传教育", "行政复议",
          "律师行业管理", "司法鉴定管理", "法律援助", "监狱戒毒工作", "立法审查", "队伍建设"]
SUBS = ["健全工作机制", "夯实基层基础", "强化监督检查", "推进信息化建设", "加强队伍培训", "完善考核评价"]
SENTENCES = [
    "全年共组织开展{t}专项行动{n}次，覆盖{m}个县（市、区）。",
    "围绕群众反映强烈的突出问题，制定出台配套制度{n}项，修订完善工作规程{m}项。",
    "坚持问题导向，对照年初确定的目标任务逐项梳理，形成问题清单、责任清单和整改清单。",
    "各级{t}机构累计接待群众咨询{n}万人次，办结率达到{p}%，群众满意度持续提升。",
    "通过召开推进会、现场会等形式，推广基层好经验好做法{n}条，形成了比学赶超的良好氛围。",
    "加强与公安、法院、检察院等部门的协作配合，建立信息共享、联席会议等制度{n}项。",
    "组织业务骨干深入基层开展调研{n}次，形成调研报告{m}篇，为科学决策提供了参考。",
    "依托“互联网+”平台，推动{t}事项网上办理，全年网上受理{n}件，平均办理时限缩短{p}%。",
    "严格落实安全生产责任制，全年未发生重大安全责任事故，保持了持续安全稳定的良好局面。",
    "对标先进地区，查找工作差距，在{t}领域形成了一批可复制、可推广的经验做法。",
    "开展常态化督导检查{n}轮，发现并整改问题{m}个，推动各项工作任务落地见效。",
    "加大经费保障力度，全年投入专项资金{n}万元，改善了基层工作条件。",
]

def sentence(rng, topic):
    s = rng.choice(SENTENCES)
    return s.format(t=topic, n=rng.randint(12, 980), m=rng.randint(3, 86), p=rng.randint(60, 99))

def paragraph(rng, topic, k):
    return "".join(sentence(rng, topic) for _ in range(k))

def main():
    rng = random.Random(2025)
    out = ["河西省司法厅2024年工作报告", "", "2025-01-10 来源：河西省司法厅", ""]
    out.append("　　2024年，全省司法行政系统坚持以习近平新时代中国特色社会主义思想为指导，" + paragraph(rng, "司法行政", 4))
    for i, topic in enumerate(TOPICS):
        out += ["", f"{NUM[i % 10] if i < 10 else '十' + NUM[i - 10]}、扎实推进{topic}工作", ""]
        out.append("　　" + paragraph(rng, topic, 5))
        for j, sub in enumerate(SUBS):
            out += ["", f"（{NUM[j]}）{sub}", ""]
            for _ in range(3):
                out.append("　　" + paragraph(rng, topic, rng.randint(4, 7)))
                out.append("")
    out.append("　　新的一年，全省司法行政系统将" + paragraph(rng, "司法行政", 3))
    sys.stdout.write("\n".join(out) + "\n")

if __name__ == "__main__":
    main()
