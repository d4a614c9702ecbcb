#!/usr/bin/env python3
"""Writes data/sample/annotations.jsonl from the articles in data/sample/articles/.

The annotations are written here by SURFACE TEXT, not by offset, so that a text can
be edited and the offsets regenerated: run `python3 data/sample/make-annotations.py`.
Each span is found in its article and the script asserts text[start:end] == surface,
so an edit that breaks an annotation stops the script instead of shifting offsets.

Offsets are Unicode code points, end-exclusive (Python's text[start:end]), the
convention of Alama's JSONL (doccano relation format).

A span is (key, LABEL, surface) or (key, LABEL, surface, options) where options:
  "in":    an anchor string that contains the surface; the surface is looked up
           inside the anchor. Used to take "بوتين" out of "وبوتين" (clitic و) or
           to say which of several mentions is meant.
  "nth":   which occurrence of the anchor (or of the surface without an anchor),
           counting from 1. Without it the anchor/surface must occur exactly once.
  "attrs": attributes, e.g. {"stance": "accuses"} on a CLAIM.
A relation is (TYPE, from_key, to_key).
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

DOCS = {
    "01-moscow-talks": {
        "spans": [
            ("lav_h", "PER", "لافروف", {"in": "لافروف يستضيف"}),
            ("arm_h", "GPE", "أرمينيا", {"in": "خارجية أرمينيا"}),
            ("aze_h", "GPE", "أذربيجان", {"in": "وأذربيجان في موسكو"}),
            ("mos_h", "GPE", "موسكو", {"in": "وأذربيجان في موسكو"}),
            ("afp", "ORG", "أ ف ب"),
            ("lav1", "PER", "سيرغي لافروف"),
            ("mos1", "GPE", "موسكو", {"in": "لافروف في موسكو"}),
            ("date1", "DATE", "يوم الثلاثاء ١٤ آذار/مارس ٢٠٢٣"),
            ("mirz1", "PER", "أرارات ميرزويان"),
            ("bayr1", "PER", "جيهون بيراموف"),
            ("cauc", "LOC", "جنوب القوقاز"),
            ("cue1", "CUE", "قال", {"in": "وقال لافروف"}),
            ("lav2", "PER", "لافروف", {"in": "وقال لافروف"}),
            ("q1", "QUOTE", "نحن مستعدون لتقديم كل مساعدة ممكنة من أجل التوصل إلى اتفاق نهائي يضمن الاستقرار في المنطقة"),
            ("bayr2", "PER", "بيراموف", {"in": "والتقى بيراموف"}),
            ("lav3", "PER", "لافروف", {"in": "ولافروف على"}),
            ("cue2", "CUE", "قال", {"in": "وقال المتحدث"}),
            ("krem", "ORG", "الكرملين", {"in": "باسم الكرملين"}),
            ("pesk", "PER", "دميتري بيسكوف"),
            ("q2", "QUOTE", "الرئيس فلاديمير بوتين سيستقبل الوزيرين مساء اليوم نفسه لبحث فتح طرق النقل وإعادة تشغيل خط السكك الحديدية عبر إقليم ناخيتشيفان"),
            ("put1", "PER", "فلاديمير بوتين"),
            ("nakh", "GPE", "ناخيتشيفان"),
            ("cue3", "CUE", "شدد"),
            ("mirz2", "PER", "ميرزويان", {"in": "شدد ميرزويان"}),
            ("yer", "GPE", "يريفان"),
            ("q3", "QUOTE", "ملتزمة بالسلام لكنها لن تقبل بأي شروط مسبقة"),
            ("bayr3", "PER", "بيراموف", {"in": "اتهم بيراموف"}),
            ("armside", "GPE", "الجانب الأرميني"),
            ("c1", "CLAIM", "بالمماطلة في ترسيم الحدود", {"attrs": {"stance": "accuses"}}),
            ("summit", "EVENT", "قمة ثلاثية"),
            ("aliyev", "PER", "إلهام علييف"),
            ("pash", "PER", "نيكول باشينيان"),
            ("put2", "PER", "بوتين", {"in": "وبوتين في سوتشي"}),
            ("sochi", "GPE", "سوتشي"),
            ("date2", "DATE", "٣١ تشرين الأول/أكتوبر ٢٠٢٢"),
            ("c2", "CLAIM", "بعدم اللجوء إلى القوة", {"attrs": {"stance": "promises"}}),
            ("cue4", "CUE", "تقول"),
            ("mos2", "GPE", "موسكو", {"in": "وتقول موسكو"}),
            ("q4", "QUOTE", "نحو ألفي جندي روسي من قوات حفظ السلام ما زالوا منتشرين في ناغورني قره باغ"),
            ("nk", "LOC", "ناغورني قره باغ"),
        ],
        "relations": [
            ("SPEAKER", "lav2", "q1"), ("CUE_OF", "cue1", "q1"),
            ("SPEAKER", "pesk", "q2"), ("CUE_OF", "cue2", "q2"),
            ("AFFILIATION", "pesk", "krem"),
            ("SPEAKER", "mirz2", "q3"), ("CUE_OF", "cue3", "q3"),
            ("CLAIMANT", "bayr3", "c1"), ("TARGET", "c1", "armside"),
            ("CLAIMANT", "aliyev", "c2"), ("CLAIMANT", "pash", "c2"), ("CLAIMANT", "put2", "c2"),
            ("SPEAKER", "mos2", "q4"), ("CUE_OF", "cue4", "q4"),
        ],
    },
    "02-border-accusations": {
        "spans": [
            ("baku_h", "GPE", "باكو", {"in": "بين باكو"}),
            ("yer_h", "GPE", "يريفان", {"in": "ويريفان بعد"}),
            ("mod_az", "ORG", "وزارة الدفاع الأذربيجانية"),
            ("date1", "DATE", "يوم الأحد"),
            ("af1", "ORG", "القوات الأرمينية", {"nth": 1}),
            ("c1", "CLAIM", "بإطلاق النار على مواقعها قرب بلدة كلبجار", {"attrs": {"stance": "accuses"}}),
            ("kalb", "GPE", "كلبجار"),
            ("cue1", "CUE", "قالت", {"in": "وقالت الوزارة"}),
            ("min1", "ORG", "الوزارة", {"in": "وقالت الوزارة"}),
            ("q1", "QUOTE", "وحداتنا ردّت على مصادر النيران واتخذت الإجراءات المناسبة"),
            ("mod_am", "ORG", "وزارة الدفاع الأرمينية"),
            ("c2", "CLAIM", "هذه الاتهامات", {"attrs": {"stance": "denies"}}),
            ("cue2", "CUE", "وصفتها", {"in": "ووصفتها"}),
            ("q2", "QUOTE", "عارية تماماً عن الصحة"),
            ("cue3", "CUE", "قالت", {"in": "وقالت المتحدثة"}),
            ("min2", "ORG", "الوزارة", {"in": "باسم الوزارة آنا"}),
            ("sark", "PER", "آنا سركيسيان"),
            ("q3", "QUOTE", "القوات الأرمينية لم تطلق أي رصاصة في المنطقة منذ أسبوعين"),
            ("af2", "ORG", "القوات الأرمينية", {"nth": 2}),
            ("azside", "GPE", "الجانب الأذربيجاني"),
            ("c3", "CLAIM", "يسعى إلى \"تبرير تصعيد جديد\"", {"attrs": {"stance": "accuses"}}),
            ("eum", "ORG", "بعثة الاتحاد الأوروبي"),
            ("arm", "GPE", "أرمينيا", {"in": "في أرمينيا الطرفين"}),
            ("cue4", "CUE", "أعلنت"),
            ("mfa_ru", "ORG", "وزارة الخارجية الروسية"),
            ("mos", "GPE", "موسكو"),
            ("q4", "QUOTE", "تتابع الوضع بقلق بالغ"),
            ("date2", "DATE", "مطلع شهر أيار/مايو"),
            ("meet", "EVENT", "اجتماع مرتقب"),
            ("brux", "GPE", "بروكسل"),
            ("aliyev", "PER", "علييف"),
            ("pash", "PER", "باشينيان", {"in": "وباشينيان"}),
            ("euco", "ORG", "المجلس الأوروبي"),
            ("michel", "PER", "شارل ميشيل"),
            ("war", "EVENT", "حرب عام ٢٠٢٠"),
            ("date3", "DATE", "عام ٢٠٢٠"),
            ("rus", "GPE", "روسيا", {"in": "رعته روسيا"}),
        ],
        "relations": [
            ("CLAIMANT", "mod_az", "c1"), ("TARGET", "c1", "af1"),
            ("SPEAKER", "min1", "q1"), ("CUE_OF", "cue1", "q1"),
            ("CLAIMANT", "mod_am", "c2"),
            ("SPEAKER", "mod_am", "q2"), ("CUE_OF", "cue2", "q2"),
            ("SPEAKER", "sark", "q3"), ("CUE_OF", "cue3", "q3"),
            ("AFFILIATION", "sark", "min2"),
            ("CLAIMANT", "sark", "c3"), ("TARGET", "c3", "azside"),
            ("SPEAKER", "mfa_ru", "q4"), ("CUE_OF", "cue4", "q4"),
            ("AFFILIATION", "michel", "euco"),
        ],
    },
    "03-osce-observers": {
        "spans": [
            ("osce_h", "ORG", "منظمة الأمن والتعاون في أوروبا", {"in": "منظمة الأمن والتعاون في أوروبا ترسل"}),
            ("reut_ar", "ORG", "رويترز"),
            ("cue1", "CUE", "قالت", {"in": "(رويترز) - قالت"}),
            ("osce1", "ORG", "منظمة الأمن والتعاون في أوروبا", {"in": "قالت منظمة الأمن والتعاون في أوروبا"}),
            ("date1", "DATE", "يوم الخميس"),
            ("q1", "QUOTE", "سترسل فريقاً من 12 مراقباً إلى المنطقة الحدودية بين أرمينيا وأذربيجان في مهمة تستمر حتى نهاية تموز/يوليو 2023"),
            ("arm", "GPE", "أرمينيا", {"in": "بين أرمينيا وأذربيجان في مهمة"}),
            ("aze", "GPE", "أذربيجان", {"in": "وأذربيجان في مهمة"}),
            ("date2", "DATE", "نهاية تموز/يوليو 2023"),
            ("cue2", "CUE", "قال", {"in": "وقال دبلوماسي"}),
            ("reut", "ORG", "Reuters"),
            ("osce2", "ORG", "OSCE"),
            ("q2", "QUOTE", "ستكتفي بالرصد ولن تتدخل في عمل قوات حفظ السلام الروسية"),
            ("pc", "ORG", "المجلس الدائم"),
            ("vie", "GPE", "فيينا"),
            ("cue3", "CUE", "قالت", {"in": "وقالت الأمينة"}),
            ("schmid", "PER", "هيلغا شميد"),
            ("q3", "QUOTE", "إن وجود مراقبين محايدين على الأرض هو أفضل وسيلة لمنع سوء الفهم وبناء الثقة بين الجانبين"),
            ("gov_am", "ORG", "الحكومة الأرمينية"),
            ("baku", "GPE", "باكو"),
            ("mfa_az", "ORG", "وزارة الخارجية الأذربيجانية"),
            ("c1", "CLAIM", "البعثات الدولية السابقة “تجاهلت الألغام التي زرعتها القوات الأرمينية”", {"attrs": {"stance": "accuses"}}),
            ("af", "ORG", "القوات الأرمينية"),
            ("yer", "GPE", "يريفان"),
            ("minsk", "ORG", "مجموعة مينسك"),
            ("rus", "GPE", "روسيا", {"in": "ترأسها روسيا"}),
            ("usa", "GPE", "الولايات المتحدة"),
            ("fra", "GPE", "فرنسا"),
            ("nk", "LOC", "ناغورني قره باغ"),
            ("date3", "DATE", "عام 1992"),
            ("war", "EVENT", "حرب 2020"),
        ],
        "relations": [
            ("SPEAKER", "osce1", "q1"), ("CUE_OF", "cue1", "q1"),
            ("CUE_OF", "cue2", "q2"),
            ("SPEAKER", "schmid", "q3"), ("CUE_OF", "cue3", "q3"),
            ("AFFILIATION", "schmid", "osce1"),
            ("CLAIMANT", "mfa_az", "c1"), ("TARGET", "c1", "af"),
        ],
    },
    "04-social-media": {
        "spans": [
            ("pash_h", "PER", "باشينيان", {"in": "باشينيان وعلييف"}),
            ("aliyev_h", "PER", "علييف", {"in": "وعلييف يتبادلان"}),
            ("meet_h", "EVENT", "لقاء بروكسل"),
            ("pash", "PER", "نيكول باشينيان"),
            ("date1", "DATE", "مساء الجمعة ١٩ أيار/مايو ٢٠٢٣"),
            ("aliyev", "PER", "إلهام علييف"),
            ("brux", "GPE", "بروكسل", {"in": "علييف في بروكسل"}),
            ("cue1", "CUE", "كتب", {"in": "وكتب على فيسبوك"}),
            ("fb", "ORG", "فيسبوك"),
            ("q1", "QUOTE", "خطونا اليوم خطوة مهمة نحو سلام دائم في منطقتنا 🤝"),
            ("cue2", "CUE", "كتب", {"in": "كتب حكمت"}),
            ("hajiyev", "PER", "حكمت حاجييف"),
            ("tw", "ORG", "تويتر"),
            ("baku", "GPE", "باكو"),
            ("q2", "QUOTE", "تنتظر أفعالاً لا أقوالاً"),
            ("mfa_ru", "ORG", "وزارة الخارجية الروسية"),
            ("zakh", "PER", "ماريا زاخاروفا"),
            ("tg", "ORG", "تلغرام"),
            ("cue3", "CUE", "قائلة"),
            ("q3", "QUOTE", "أي اتفاق دائم يجب أن يُبنى على التفاهمات التي تحققت بوساطة روسيا، لا على وعود الغرب"),
            ("rus", "GPE", "روسيا", {"in": "بوساطة روسيا"}),
            ("opp", "ORG", "المعارضة"),
            ("gov", "ORG", "الحكومة", {"in": "المعارضة الحكومة"}),
            ("c1", "CLAIM", "بتقديم تنازلات مجانية", {"attrs": {"stance": "accuses"}}),
            ("parl", "ORG", "البرلمان", {"in": "رئيس البرلمان"}),
            ("simon", "PER", "آلان سيمونيان"),
            ("c2", "CLAIM", "وجود أي اتفاق سري", {"attrs": {"stance": "denies"}}),
            ("cue4", "CUE", "قال", {"in": "وقال إن"}),
            ("q4", "QUOTE", "كل الوثائق ستُعرض على الشعب"),
            ("mos", "GPE", "موسكو"),
            ("lav", "PER", "لافروف", {"in": "لافروف وبوتين"}),
            ("put", "PER", "بوتين", {"in": "وبوتين بحسب"}),
        ],
        "relations": [
            ("SPEAKER", "pash", "q1"), ("CUE_OF", "cue1", "q1"),
            ("SPEAKER", "hajiyev", "q2"), ("CUE_OF", "cue2", "q2"),
            ("SPEAKER", "zakh", "q3"), ("CUE_OF", "cue3", "q3"),
            ("AFFILIATION", "zakh", "mfa_ru"),
            ("CLAIMANT", "opp", "c1"), ("TARGET", "c1", "gov"),
            ("CLAIMANT", "simon", "c2"),
            ("SPEAKER", "simon", "q4"), ("CUE_OF", "cue4", "q4"),
            ("AFFILIATION", "simon", "parl"),
        ],
    },
    "05-amman-talks": {
        "spans": [
            ("egy_h", "GPE", "مصر", {"in": "خارجية مصر"}),
            ("jor_h", "GPE", "الأردن", {"in": "والأردن يبحثان"}),
            ("amm_h", "GPE", "عمّان", {"in": "في عمّان جهود"}),
            ("gaza_h", "LOC", "غزة", {"in": "التهدئة في غزة"}),
            ("amm1", "GPE", "عمّان", {"in": "عمّان - بحث"}),
            ("shoukry", "PER", "سامح شكري"),
            ("safadi", "PER", "أيمن الصفدي"),
            ("amm2", "GPE", "عمّان", {"in": "الصفدي في عمّان"}),
            ("date1", "DATE", "يوم الأربعاء 7 حزيران/يونيو 2023"),
            ("gaza", "LOC", "قطاع غزة"),
            ("al", "ORG", "جامعة الدول العربية"),
            ("cai", "GPE", "القاهرة"),
            ("cue1", "CUE", "قال", {"in": "وقال الصفدي"}),
            ("safadi2", "PER", "الصفدي", {"in": "وقال الصفدي"}),
            ("q1", "QUOTE", "لا أمن ولا استقرار في المنطقة من دون حل عادل يضمن قيام الدولة الفلسطينية المستقلة"),
            ("cue2", "CUE", "أضاف", {"in": "وأضاف أن"}),
            ("q2", "QUOTE", "الأردن سيواصل التنسيق مع مصر وقطر لمنع انهيار الهدنة"),
            ("jor", "GPE", "الأردن", {"in": "أن الأردن سيواصل"}),
            ("egy", "GPE", "مصر", {"in": "مع مصر وقطر"}),
            ("qat", "GPE", "قطر", {"in": "وقطر لمنع"}),
            ("shoukry2", "PER", "شكري", {"in": "حذّر شكري"}),
            ("c1", "CLAIM", "استمرار الاستيطان \"يقوّض فرص السَّلام ويدفع المنطقة نحو مزيد من التوتر\"", {"attrs": {"stance": "asserts"}}),
            ("gov_il", "ORG", "الحكومة الإسرائيلية"),
            ("c2", "CLAIM", "بتجاهل التزاماتها الواردة في تفاهمات شرم الشيخ", {"attrs": {"stance": "accuses"}}),
            ("sharm", "LOC", "شرم الشيخ"),
            ("mfa_il", "ORG", "وزارة الخارجية الإسرائيلية"),
            ("doha", "GPE", "الدوحة"),
            ("thani", "PER", "محمد بن عبد الرحمن آل ثاني"),
            ("cue3", "CUE", "وصف", {"in": "ووصف دبلوماسي"}),
            ("q3", "QUOTE", "خطوة في الاتجاه الصحيح"),
            ("api", "EVENT", "قمة بيروت"),
            ("date2", "DATE", "عام ٢٠٠٢"),
        ],
        "relations": [
            ("SPEAKER", "safadi2", "q1"), ("CUE_OF", "cue1", "q1"),
            ("SPEAKER", "safadi2", "q2"), ("CUE_OF", "cue2", "q2"),
            ("CLAIMANT", "shoukry2", "c1"),
            ("CLAIMANT", "shoukry2", "c2"), ("TARGET", "c2", "gov_il"),
            ("CUE_OF", "cue3", "q3"),
        ],
    },
}


def occurrences(haystack, needle):
    """All start indexes (code points) of needle in haystack, overlapping ones too."""
    found = []
    i = haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def pick(text, needle, nth, what):
    found = occurrences(text, needle)
    if not found:
        raise SystemExit(f"{what}: {needle!r} is not in the text")
    if nth is None:
        if len(found) != 1:
            raise SystemExit(f"{what}: {needle!r} occurs {len(found)} times; "
                             f"give 'in' or 'nth'")
        return found[0]
    if nth > len(found):
        raise SystemExit(f"{what}: {needle!r} occurs {len(found)} times, not {nth}")
    return found[nth - 1]


def locate(text, surface, opts, what):
    anchor = opts.get("in")
    nth = opts.get("nth")
    if anchor is None:
        start = pick(text, surface, nth, what)
    else:
        base = pick(text, anchor, nth, what + " (anchor)")
        inner = anchor.find(surface)
        if inner < 0:
            raise SystemExit(f"{what}: {surface!r} is not inside anchor {anchor!r}")
        start = base + inner
    end = start + len(surface)
    assert text[start:end] == surface, what
    return start, end


def build_doc(name, spec):
    path = os.path.join(HERE, "articles", name + ".txt")
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    entities = []
    ids = {}
    for item in spec["spans"]:
        key, label, surface = item[:3]
        opts = item[3] if len(item) > 3 else {}
        what = f"{name}: span {key}"
        if key in ids:
            raise SystemExit(f"{what}: key used twice")
        start, end = locate(text, surface, opts, what)
        ids[key] = len(entities) + 1
        entity = {"id": ids[key], "label": label, "start_offset": start, "end_offset": end}
        if "attrs" in opts:
            entity["attributes"] = opts["attrs"]
        entities.append(entity)
    relations = []
    for rtype, src, dst in spec["relations"]:
        for key in (src, dst):
            if key not in ids:
                raise SystemExit(f"{name}: relation {rtype} names unknown span {key}")
        relations.append({"id": len(relations) + 1, "from_id": ids[src],
                          "to_id": ids[dst], "type": rtype})
    # Check again from the finished record, as a reader of the JSONL would.
    for entity, item in zip(entities, spec["spans"]):
        assert text[entity["start_offset"]:entity["end_offset"]] == item[2]
    return {"name": name, "text": text, "entities": entities, "relations": relations}


def main():
    names = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "articles"))
                   if f.endswith(".txt"))
    if sorted(DOCS) != names:
        raise SystemExit(f"articles {names} and annotated documents {sorted(DOCS)} differ")
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "annotations.jsonl")
    n_spans = n_rels = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        for name in names:
            doc = build_doc(name, DOCS[name])
            n_spans += len(doc["entities"])
            n_rels += len(doc["relations"])
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {out_path}: {len(names)} documents, {n_spans} spans, {n_rels} relations")


if __name__ == "__main__":
    main()
