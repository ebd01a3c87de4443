"""Message templates of the checkup (体检): bounds of schemes, rules as logic, reference cycles; and the checks of
review and indicator submissions made “like scores”. Each says what is wrong and what to change."""

MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- bounds (validate/checkup/bounds.py)
    "checkup.category-above-points": "考核类别“{category}”（{blocks}板块）的得分最高可能为 {actual} 分，超过本项分值 {expected} 分"
                                     "{since}：类别最低分 {floor} 分高于本项分值，扣分再多也得 {floor} 分，总分会超过满分。"
                                     "请把 {floor_key} 改为 0～{expected} 之间的数（扣分制通常为 0）",
    "checkup.category-below-zero": "考核类别“{category}”（{blocks}板块）的得分最低可能为 {actual} 分，低于 0 分{since}："
                                   "扣分合计{deducted}，超过本项分值 {points} 分的部分只截到最低分 {floor} 分。"
                                   "请把 {floor_key} 改为 0（扣完为止），或给扣分规则加上限（cap）",
    "checkup.total-out-of-range": "{block}板块的总分可能为 {actual} 分，超出 0～{expected} 分的范围{since}："
                                  "请核对各考核类别的分值、最低分与上限",
    "checkup.cap-below-amount": "规则“{rule}”的上限 {cap} 分小于每次的分值 {amount} 分：第一次扣分就会被截去一部分。"
                                "请核对 cap 与 amount 是否写反",
    "checkup.cap-never-reached": "规则“{rule}”最多只会扣 {actual} 分，上限 {cap} 分永远达不到，不起作用：请核对 cap，"
                                 "或删去它",
    "checkup.cap-above-points": "规则“{rule}”的上限 {cap} 分超过考核类别“{category}”最多可扣的 {room} 分"
                                "（分值 {points} 分，最低 {floor} 分）：类别最低分先起作用，上限不起作用。请核对 cap",
    "checkup.mechanism-unknown": "体检尚不能推算规则“{rule}”的计分方式能给出多少分：它按无上限计入，本方案的得分范围"
                                 "只由类别的分值与最低分限定，未经逐条证明。请人工核对这条规则的分值与上限",
    # ---------------------------------------------------------------- rules as logic (validate/checkup/logic.py)
    "checkup.never-count": "规则“{rule}”永远不会扣分：它按事实“{fact}”的数量扣分（数量大于 0 时才扣），"
                           "但该事实的最大值为 {maximum}。请核对事实的 maximum",
    "checkup.never-bands": "规则“{rule}”永远不会计分：“{fact}”的取值范围（{ranges}）落不进任何一档。"
                           "请核对各档的 at_least/below，或该项的 minimum/maximum",
    "checkup.never-contradiction": "规则“{rule}”永远不会扣分：条件“{condition}”自相矛盾，没有任何填报能使它成立。"
                                   "请核对条件中的数值与比较符号",
    "checkup.never-range": "规则“{rule}”永远不会扣分：条件“{condition}”超出了声明的取值范围（{ranges}）。"
                           "请核对条件中的数值，或事实、字段的 minimum/maximum",
    "checkup.shadowed": "规则“{rule}”被同一条款的规则“{other}”覆盖：条件“{condition}”成立时，“{other}”的条件"
                        "“{other_condition}”必然也成立，两条都会扣分。若原文是互斥的几种情形，请在“{other}”的条件中"
                        "排除“{rule}”的情形；若确应同时扣分，请在其中一条的 decision 中写明另一条的标识",
    "checkup.overlap": "同一条款的规则“{rule}”与“{other}”可能同时成立（例如{subject}{example}），会重复扣分。"
                       "若原文是互斥的几种情形，请让两条的条件互相排除；若确应同时扣分，请在其中一条的 decision 中"
                       "写明另一条的标识",
    "checkup.double-count": "规则“{rule}”与“{other}”都按事实“{fact}”（{name}）的数量扣分，{block}板块的同一数量会被扣两次。"
                            "若确应扣两次，请在其中一条的 decision 中写明另一条的标识",
    "checkup.unranged": "规则“{rule}”的条件对{what}“{fact}”（{name}）作大小比较，但它没有声明取值范围："
                        "体检无法判断条件能否成立、会扣多少分。请在它的声明中补上 minimum 和 maximum",
    # ---------------------------------------------------------------- reference graphs (validate/checkup/graphs.py)
    "checkup.cycle": "{what}形成循环：{path}。{advice}{files}",
    # ---------------------------------------------------------------- forms a schema excludes (validate/schema.py)
    "schema.exclusive": "{where}中不能同时写 {actual:list}，只能选一种：{detail}",
    # ---------------------------------------------------------------- review and indicator submissions
    "form.values-empty": "values 为空：至少填写一个指标的当前值",
    "form.college-twice": "院校“{actual}”重复填报（第 {first_line} 行已有同名院校）：每所院校只填一次，以往的复核结论写在它的 history 中",
    "form.procedure-unknown": "填报指定的复核程序“{actual}”不存在{suggest}（standards/ 中有：{expected:list}）",
    "form.objectives-unknown": "填报指定的质量目标“{actual}”不存在{suggest}（standards/ 中有：{expected:list}）",
    "form.value-below": "{name}的当前值 {actual}{unit} 小于允许的最小值 {expected}{unit}",
    "form.value-above": "{name}的当前值 {actual}{unit} 大于允许的最大值 {expected}{unit}",
    "objectives.range": "指标“{name}”的{what} {actual}{unit} 超出它的取值范围 {minimum}～{maximum}{unit}",
    "objectives.range-order": "指标“{name}”的最小值 {minimum} 大于最大值 {maximum}",
}
