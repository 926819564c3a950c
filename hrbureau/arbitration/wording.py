"""The default wording of the commission's documents (文书样式), installed by a data migration and
reworded by administrators in the admin, from a date (``DocumentWording``). Plain constants: the data
migration imports this module. A placeholder alone on its line places a table or a list there."""

DEFAULT_WORDING: dict[str, str] = {
    "acceptance_notice": (
        "你（单位）于{received}提出的仲裁申请，经审查符合受理条件，本委于{accepted}决定立案受理，案号为{case_no}。\n"
        "{claims}"
    ),
    "refusal_notice": (
        "你（单位）提出的仲裁申请，经审查，本委决定不予受理。理由：{reason}\n"
        "对不予受理决定不服的，可以就该劳动争议事项向人民法院提起诉讼。"
    ),
    "supplement_notice": (
        "你（单位）提交的仲裁申请材料不齐备，请一次性补正以下材料：\n{items}\n补正材料齐全之日为收到仲裁申请之日。"
    ),
    "hearing_notice": (
        "本委定于{hearing}开庭审理本案，请准时到庭。\n"
        "申请人无正当理由拒不到庭的，可以按撤回仲裁申请处理；被申请人无正当理由拒不到庭的，可以缺席裁决。\n"
        "当事人有正当理由的，可以在开庭{postpone_days}日前请求延期开庭。"
    ),
    "mediation_statement": (
        "本案经本委主持调解，双方当事人于{agreed_on}自愿达成如下协议：\n{terms}\n{claims}\n"
        "以上合计人民币{total}。\n被申请人应于{payment_due}前履行完毕。\n本调解书经双方当事人签收后，即具有法律效力。"
    ),
    "award": "本委受理后依法组成仲裁庭，经开庭审理，现已审理终结。裁决如下：\n{claims}\n{remedies}",
    # The remedies of an award [law Arts.47–50].
    "remedies_final": (
        "本裁决为终局裁决，自作出之日起发生法律效力。劳动者对本裁决不服的，可以自收到裁决书之日起十五日内"
        "向人民法院提起诉讼。用人单位有证据证明本裁决有《中华人民共和国劳动争议调解仲裁法》第四十九条规定"
        "情形之一的，可以自收到裁决书之日起三十日内向仲裁委员会所在地的中级人民法院申请撤销裁决。"
    ),
    "remedies_nonfinal": (
        "当事人对本裁决不服的，可以自收到裁决书之日起十五日内向人民法院提起诉讼；期满不起诉的，"
        "裁决书发生法律效力。"
    ),
}
