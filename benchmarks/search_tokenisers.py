"""Compare the two Chinese search tokenisers on a small built-in corpus.

    .venv/bin/python benchmarks/search_tokenisers.py

Each tokeniser indexes the same 17 short documents; each of 16 queries has
one document a reader would expect first. Matching mirrors the site: every
query token must occur in a document (AND, see portal.search.selectors) and
single Chinese characters fall back to a title lookup; the matches are ranked
with BM25 (k1 = 1.2, b = 0.75, the same family SQLite FTS5 uses). We report
the mean reciprocal rank (MRR), how often the expected document comes first
(hit@1), how often it is matched at all, the index size and tokenising speed.

Pure Python on purpose: the database backends only match the tokens they are
given, so ranking quality depends on the tokens, not on the database.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from portal.search.tokenise import (  # noqa: E402
    TOKENISERS,
    Tokeniser,
    jieba_tokens,
    split_query,
)

# (key, title, text) — written for this benchmark from the report's themes.
CORPUS = [
    (
        "water-saving",
        "机关大院节水改造",
        "市直机关把老旧水龙头和冲厕水箱换成节水器具，安装分区智能水表，"
        "漏损当天就能发现。人均用水量比“十三五”时期下降了两成以上，"
        "多家单位创成省级节水型单位。",
    ),
    (
        "solar",
        "党校屋顶光伏发电",
        "市委党校在教学楼和食堂屋顶铺设分布式光伏板，所发电力优先自用，"
        "余电上网。晴天时白天用电基本自给，每年少用标准煤数十吨。",
    ),
    (
        "geothermal",
        "学校用地源热泵供暖制冷",
        "一所寄宿制中学拆除燃煤锅炉，改用地源热泵系统，冬季取地下浅层地热能供暖，"
        "夏季把室内热量送回地下，宿舍和教室一年四季温度适宜。",
    ),
    (
        "emc",
        "合同能源管理让改造不花财政钱",
        "采用合同能源管理模式，由节能服务公司出资改造照明、空调和水泵，"
        "机关用节省下来的能源费用分期支付，合同期满后设备归单位所有。"
        "这种做法已经推广到学校和医院。",
    ),
    (
        "hospital",
        "市人民医院节能降耗",
        "市人民医院对中央空调和锅炉房进行节能改造，住院楼热水改用空气源热泵，"
        "手术室和病房照明换成LED灯。改造后医院每年节约电费和燃气费上百万元。",
    ),
    (
        "volunteers",
        "“小水滴”招募志愿者",
        "库区乡镇的“小水滴”志愿服务队正在招募志愿者，周末参加巡河、清漂和入户宣传。"
        "报名后可以在平台上查看服务时长和星级。",
    ),
    (
        "patrol",
        "护水队每周巡河",
        "沿江村庄的护水队每周沿河道巡查一次，记录排污口、垃圾和水面漂浮物，"
        "发现问题拍照上报，由乡镇及时处理。",
    ),
    (
        "clean-plate",
        "机关食堂推行光盘行动",
        "机关食堂实行按需取餐、小份菜和半份饭，开展光盘行动，"
        "餐厨垃圾比上一年明显减少，节约粮食成为职工的习惯。",
    ),
    (
        "ev",
        "公务用车换成新能源汽车",
        "公务用车更新时优先选择新能源汽车，机关停车场建设充电桩，职工的私家电动车也可以预约充电。",
    ),
    (
        "waste",
        "机关大院垃圾分类",
        "机关大院设置四分类垃圾桶，有害垃圾定点回收，可回收物交给再生资源企业，"
        "干部职工带头做好垃圾分类。",
    ),
    (
        "rainwater",
        "校园雨水收集与中水回用",
        "校园建设雨水收集池，雨水经过沉淀过滤后用于绿化灌溉和道路冲洗；"
        "宿舍洗漱废水处理后作为中水回用于冲厕。",
    ),
    (
        "lighting",
        "办公楼照明改造",
        "办公楼走廊和楼梯间换成LED灯并加装声控和人体感应开关，人走灯灭，照明用电下降一半。",
    ),
    (
        "sampling",
        "志愿者学会水质监测",
        "环保志愿者在丹江口水库支流定点取水样，用便携仪器做水质监测，"
        "测量浊度、溶解氧和氨氮，数据汇总后交给生态环境部门。",
    ),
    (
        "data-centre",
        "机房空调节能",
        "政务数据中心的机房采用冷热通道封闭和精密空调变频控制，"
        "服务器进风温度适当调高，空调节能效果明显，机房能耗降低三成。",
    ),
    (
        "paperless",
        "无纸化办公节约用纸",
        "机关推行电子公文和无纸化会议，双面打印成为默认设置，一年节约用纸数十万张。",
    ),
    (
        "school-lighting",
        "中学教室照明换新",
        "这所中学采用合同能源管理模式完成了教室照明改造，护眼灯具由服务公司出资安装，"
        "学校用节省的电费分五年付清。",
    ),
    (
        "reservoir",
        "守护丹江口水库一库清水",
        "丹江口水库是南水北调中线工程的水源地，库区群众和志愿者共同守护一泓清水永续北上。",
    ),
]

# (query, expected document key). A mix of words people type: short topic
# words that sit inside longer words, multi-word terms, and word orders that
# differ from the text.
QUERIES = [
    ("节水", "water-saving"),
    ("光伏", "solar"),
    ("地源热泵", "geothermal"),
    ("地热", "geothermal"),
    ("合同能源管理", "emc"),
    ("医院", "hospital"),
    ("志愿", "volunteers"),
    ("小水滴", "volunteers"),
    ("巡河", "patrol"),
    ("光盘行动", "clean-plate"),
    ("充电桩", "ev"),
    ("垃圾分类", "waste"),
    ("雨水收集", "rainwater"),
    ("水质监测", "sampling"),
    ("空调节能", "data-centre"),
    ("志愿者招募", "volunteers"),
]

# Domain words as someone might search for them. Every (word, document that
# contains it verbatim) pair should match: this measures recall, the other
# side of ranking.
TERMS = str.split(
    "节水 用水 水表 光伏 屋顶 发电 地热 热泵 地源热泵 供暖 锅炉 合同能源管理 能源 节能 照明 "
    "空调 医院 热水 电费 志愿 志愿者 小水滴 巡河 清漂 宣传 服务时长 星级 护水 排污口 漂浮物 "
    "光盘行动 餐厨垃圾 新能源 充电桩 电动车 垃圾分类 有害垃圾 雨水 中水 中水回用 冲厕 LED "
    "声控 水质 水样 水质监测 丹江口 水库 清水 南水北调 水源 机房 能耗 无纸化 用纸 食堂 乡镇 "
    "库区 浊度 氨氮 数据中心 标准煤 灌溉 宿舍"
)

K1, B = 1.2, 0.75


class Index:
    def __init__(self, tokeniser: Tokeniser):
        self.tokeniser = tokeniser
        self.docs = {
            key: Counter(tokeniser.index(f"{title} {text}")) for key, title, text in CORPUS
        }
        self.titles = {key: title for key, title, _ in CORPUS}
        self.lengths = {key: sum(counts.values()) for key, counts in self.docs.items()}
        self.avg_length = sum(self.lengths.values()) / len(self.lengths)
        self.df = Counter(token for counts in self.docs.values() for token in counts)

    def idf(self, token):
        n, df = len(self.docs), self.df[token]
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query):
        tokens, singles = split_query(query, self.tokeniser)
        if not tokens:  # the site's title lookup for single characters
            return [key for key, title in self.titles.items() if all(c in title for c in singles)]
        scores = {}
        for key, counts in self.docs.items():
            if not all(counts[t] for t in tokens):
                continue
            norm = K1 * (1 - B + B * self.lengths[key] / self.avg_length)
            scores[key] = sum(
                self.idf(t) * counts[t] * (K1 + 1) / (counts[t] + norm) for t in tokens
            )
        return sorted(scores, key=lambda key: (-scores[key], key))


def evaluate(name, tokeniser):
    started = time.perf_counter()
    index = Index(tokeniser)
    index_seconds = time.perf_counter() - started
    rr, hits, found, misses = [], 0, 0, []
    for query, expected in QUERIES:
        ranking = index.search(query)
        if expected in ranking:
            rank = ranking.index(expected) + 1
            rr.append(1 / rank)
            found += 1
            hits += rank == 1
            if rank > 1:
                misses.append(f"{query}→#{rank}")
        else:
            rr.append(0.0)
            misses.append(f"{query}→missing")
    pairs = [
        (term, key)
        for term in TERMS
        for key, title, text in CORPUS
        if term.lower() in f"{title} {text}".lower()
    ]
    recalled = [(term, key) for term, key in pairs if key in index.search(term)]
    missed = sorted({term for term, key in pairs if (term, key) not in recalled})
    return {
        "name": name,
        "recall": len(recalled) / len(pairs),
        "pairs": len(pairs),
        "missed_terms": missed,
        "mrr": sum(rr) / len(rr),
        "hit1": hits / len(QUERIES),
        "found": found / len(QUERIES),
        "tokens": sum(index.lengths.values()),
        "ms": index_seconds * 1000,
        "misses": misses,
    }


# jieba with the same search-mode cut for the query as for the text, to show
# what leaving compounds out of the query (the site's "jieba") changes.
VARIANTS = {
    "bigram": TOKENISERS["bigram"],
    "jieba-raw": Tokeniser(index=jieba_tokens, query=jieba_tokens),
    "jieba": TOKENISERS["jieba"],
}


def main():
    jieba_tokens("预热")  # load jieba's dictionary outside the timing
    rows = [evaluate(name, tokeniser) for name, tokeniser in VARIANTS.items()]

    print(
        f"{len(CORPUS)} documents, {len(QUERIES)} queries with an expected document, "
        f"{rows[0]['pairs']} (word, document containing it) pairs; AND matching + BM25\n"
    )
    header = "| tokeniser | MRR   | hit@1 | expected doc matched | word recall | index tokens |"
    print(header + " index time |")
    print(
        "|-----------|-------|-------|----------------------|-------------|--------------|"
        + "-" * 12
        + "|"
    )
    for r in rows:
        print(
            f"| {r['name']:<9} | {r['mrr']:.3f} | {r['hit1']:.3f} | {r['found']:>20.0%} "
            f"| {r['recall']:>11.1%} | {r['tokens']:>12} | {r['ms']:>7.1f} ms |"
        )
    print()
    for r in rows:
        print(f"{r['name']}: queries not ranked first: {', '.join(r['misses']) or 'none'}")
        print(
            f"{r['name']}: words not found in a document containing them: "
            f"{', '.join(r['missed_terms']) or 'none'}"
        )


if __name__ == "__main__":
    main()
