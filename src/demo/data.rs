//! The word lists and tables behind the demo data: surnames, given-name characters, unit
//! templates, positions, activity titles, age bands and the Spring Festival dates. Weights are
//! relative; dates in title windows are inclusive.

/// Common surnames with approximate national frequencies (per 10,000 people, after the 2020
/// census), nudged towards Shanxi for the surnames that are markedly commoner there
/// (郭 武 贾 郝 闫 牛 申 乔 霍 段 常) and away from the southern ones (覃 韦 莫 黎).
pub const SURNAMES: &[(&str, u32)] = &[
    ("王", 712), ("李", 719), ("张", 683), ("刘", 538), ("陈", 453), ("杨", 308), ("黄", 190), ("赵", 229),
    ("吴", 205), ("周", 188), ("徐", 167), ("孙", 154), ("马", 144), ("朱", 142), ("胡", 131), ("郭", 160),
    ("何", 117), ("高", 112), ("林", 100), ("罗", 90), ("郑", 84), ("梁", 90), ("谢", 76), ("宋", 67),
    ("唐", 60), ("许", 63), ("韩", 70), ("冯", 65), ("邓", 55), ("曹", 54), ("彭", 50), ("曾", 45),
    ("肖", 48), ("田", 55), ("董", 48), ("袁", 46), ("潘", 40), ("于", 44), ("蒋", 40), ("蔡", 40),
    ("余", 38), ("杜", 45), ("叶", 38), ("程", 45), ("苏", 38), ("魏", 40), ("吕", 40), ("丁", 36),
    ("任", 40), ("沈", 33), ("姚", 34), ("卢", 34), ("姜", 33), ("崔", 35), ("钟", 28), ("谭", 27),
    ("陆", 27), ("汪", 27), ("范", 32), ("金", 28), ("石", 30), ("廖", 24), ("贾", 45), ("夏", 26),
    ("韦", 12), ("付", 28), ("方", 25), ("白", 30), ("邹", 22), ("孟", 27), ("熊", 21), ("秦", 28),
    ("邱", 20), ("江", 20), ("尹", 22), ("薛", 28), ("闫", 40), ("段", 30), ("雷", 20), ("侯", 28),
    ("龙", 16), ("史", 24), ("陶", 18), ("黎", 8), ("贺", 20), ("顾", 15), ("毛", 17), ("郝", 35),
    ("龚", 14), ("邵", 16), ("万", 16), ("钱", 15), ("严", 15), ("覃", 5), ("武", 40), ("戴", 15), ("莫", 6),
    ("孔", 15), ("向", 12), ("汤", 13), ("常", 25), ("温", 18), ("康", 15), ("牛", 25), ("申", 20),
    ("乔", 20), ("霍", 18), ("樊", 14), ("靳", 10), ("焦", 12), ("卫", 10), ("路", 10),
];

/// Given-name characters used by every generation.
pub const MALE_COMMON: &[&str] = &[
    "伟", "强", "军", "勇", "磊", "涛", "斌", "杰", "鹏", "超", "刚", "辉", "健", "明", "亮", "峰",
    "波", "宇", "浩", "凯", "俊", "飞", "龙", "林", "华", "平", "东", "文", "志", "海", "晓", "晨",
    "鑫", "宏", "兵", "永", "振", "新", "江", "忠", "成", "德", "旭", "阳", "博", "毅", "锋", "瑞",
    "彬", "泽", "帅", "虎", "剑", "光", "良", "兴", "利", "民", "庆", "宁", "晋", "源", "云", "山",
    "学", "荣", "金", "立", "朝", "玉",
];
/// Given-name characters typical of men born before about 1975.
pub const MALE_OLD: &[&str] = &[
    "建", "国", "卫", "红", "保", "生", "福", "贵", "树", "春", "根", "水", "喜", "全", "有", "秋",
    "拴", "存", "富", "满", "旺", "才",
];
/// Given-name characters typical of men born after about 1988.
pub const MALE_YOUNG: &[&str] = &[
    "子", "轩", "皓", "昊", "辰", "逸", "铭", "锐", "翔", "睿", "哲", "航", "煜", "嘉", "豪", "一",
    "鸣", "然", "恒", "凡", "奕", "琦", "驰", "宸",
];
pub const FEMALE_COMMON: &[&str] = &[
    "丽", "娟", "敏", "静", "燕", "艳", "芳", "霞", "玲", "红", "梅", "婷", "雪", "慧", "琳", "娜",
    "颖", "洁", "莉", "萍", "琴", "倩", "晶", "欣", "月", "瑶", "佳", "悦", "蕾", "璐", "露", "英",
    "兰", "华", "晓", "彤", "丹", "君", "薇", "妮", "蓉", "媛", "琼", "云", "莎", "宁", "晋", "鑫",
    "艳",
];
pub const FEMALE_OLD: &[&str] = &[
    "秀", "桂", "玉", "凤", "珍", "翠", "巧", "爱", "淑", "荣", "美", "春", "香", "兰", "花", "改",
    "俊", "彩", "润",
];
pub const FEMALE_YOUNG: &[&str] = &[
    "怡", "梓", "涵", "雨", "萱", "诗", "琪", "思", "梦", "可", "馨", "妍", "语", "菲", "晗", "瑾",
    "璇", "若", "曦", "沐", "依", "心",
];
/// Uncommon characters that still occur in names (and trip up fonts and input methods).
pub const RARE: &[&str] = &[
    "堃", "玥", "喆", "昇", "赟", "翀", "琰", "昉", "珺", "暐", "燚", "淼", "犇", "垚",
];

/// Shanxi region codes as issued when today's staff were born (pre-2018 codes: 长治县,
/// 屯留县, 潞城市 …). The first list is 长治; the second the rest of the province.
pub const REGIONS_CHANGZHI: &[&str] = &[
    "140402", "140411", "140421", "140423", "140424", "140425", "140426", "140427", "140428",
    "140429", "140430", "140431", "140481",
];
pub const REGIONS_SHANXI: &[&str] = &[
    "140105", "140106", "140107", "140109", "140202", "140302", "140502", "140521", "140525",
    "140581", "140602", "140702", "140781", "140802", "140902", "141002", "141102", "140121",
    "140721", "140882",
];

/// Mobile prefixes with rough weights (China Unicom is strong in Shanxi).
pub const PHONE_PREFIXES: &[(&str, u32)] = &[
    ("130", 6), ("131", 5), ("132", 5), ("133", 3), ("134", 4), ("135", 7), ("136", 5), ("137", 5),
    ("138", 7), ("139", 8), ("150", 4), ("151", 4), ("152", 4), ("153", 2), ("155", 5), ("156", 5),
    ("157", 3), ("158", 4), ("159", 4), ("180", 2), ("181", 2), ("182", 3), ("183", 3), ("184", 1),
    ("185", 4), ("186", 5), ("187", 3), ("188", 3), ("189", 2), ("191", 1), ("198", 1), ("199", 1),
];

/// A team (班组) template.
pub struct TeamT {
    pub name: &'static str,
    pub staff: (u32, u32),
    pub female: f64,
    /// Worker positions with weights.
    pub workers: &'static [(&'static str, u32)],
    /// Kept in the slimmer county companies of the city-scale dataset.
    pub core: bool,
}

/// A department (部门 / 中心) template.
pub struct DeptT {
    pub name: &'static str,
    pub staff: (u32, u32),
    pub female: f64,
    pub posts: &'static [(&'static str, u32)],
    /// Everyone in it is a 政工干部 (党建部, 纪委办公室 …).
    pub party_work: bool,
    pub teams: &'static [TeamT],
}

const T_BDYW: TeamT = TeamT {
    name: "变电运维班",
    staff: (10, 16),
    female: 0.2,
    workers: &[("变电运维工", 8), ("变电值班员", 3)],
    core: true,
};
const T_BDJX: TeamT = TeamT {
    name: "变电检修班",
    staff: (8, 12),
    female: 0.08,
    workers: &[("变电检修工", 6), ("继电保护工", 2), ("电气试验工", 2)],
    core: false,
};
const T_SDYJ: TeamT = TeamT {
    name: "输电运检班",
    staff: (8, 12),
    female: 0.05,
    workers: &[("输电线路工", 8), ("带电作业工", 2)],
    core: false,
};
const T_PDYJ: TeamT = TeamT {
    name: "配电运检班",
    staff: (10, 16),
    female: 0.08,
    workers: &[("配电线路工", 8), ("配电运维工", 3), ("电缆运检工", 1)],
    core: true,
};
const T_YY: TeamT = TeamT {
    name: "营业班",
    staff: (6, 10),
    female: 0.65,
    workers: &[("营业员", 5), ("客户经理", 3), ("电费核算员", 2)],
    core: true,
};
const T_JL: TeamT = TeamT {
    name: "计量班",
    staff: (6, 10),
    female: 0.3,
    workers: &[("电能表修校工", 4), ("计量员", 4), ("采集运维员", 3)],
    core: false,
};
const T_ZBJD: TeamT = TeamT {
    name: "装表接电班",
    staff: (6, 10),
    female: 0.1,
    workers: &[("装表接电工", 8), ("计量员", 1)],
    core: false,
};
const T_YDJC: TeamT = TeamT {
    name: "用电检查班",
    staff: (5, 8),
    female: 0.25,
    workers: &[("用电检查员", 6), ("客户经理", 2)],
    core: false,
};
const T_TK: TeamT = TeamT {
    name: "调控班",
    staff: (8, 12),
    female: 0.35,
    workers: &[("调控员", 8), ("配网调度员", 3)],
    core: false,
};
const T_ZDH: TeamT = TeamT {
    name: "自动化运维班",
    staff: (4, 6),
    female: 0.3,
    workers: &[("自动化运维工", 5), ("通信运维工", 3)],
    core: false,
};
const T_ZH: TeamT = TeamT {
    name: "综合班",
    staff: (5, 8),
    female: 0.5,
    workers: &[("综合管理员", 3), ("驾驶员", 3), ("后勤服务员", 2)],
    core: false,
};

/// Departments of a county company (县供电公司).
pub const COUNTY_DEPTS: &[DeptT] = &[
    DeptT {
        name: "办公室",
        staff: (4, 6),
        female: 0.45,
        posts: &[
            ("综合管理专责", 3), ("文秘专责", 2), ("档案管理专责", 1), ("后勤管理专责", 1),
        ],
        party_work: false,
        teams: &[T_ZH],
    },
    DeptT {
        name: "党委党建部",
        staff: (4, 6),
        female: 0.5,
        posts: &[
            ("党建专责", 3), ("宣传专责", 2), ("组织专责", 1), ("工会专责", 1), ("团委专责", 1),
        ],
        party_work: true,
        teams: &[],
    },
    DeptT {
        name: "人力资源部",
        staff: (3, 5),
        female: 0.5,
        posts: &[
            ("人力资源专责", 3), ("薪酬专责", 1), ("培训专责", 1), ("社保专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "财务资产部",
        staff: (4, 6),
        female: 0.65,
        posts: &[
            ("会计", 3), ("出纳", 1), ("预算专责", 1), ("资产专责", 1), ("电价专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "安全监察部",
        staff: (3, 5),
        female: 0.15,
        posts: &[
            ("安全监察专责", 3), ("质量监督专责", 1), ("应急管理专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "运维检修部",
        staff: (4, 6),
        female: 0.15,
        posts: &[
            ("运检专责", 3), ("设备管理专责", 2), ("生产技术专责", 1), ("政工专责", 1),
        ],
        party_work: false,
        teams: &[T_BDYW, T_BDJX, T_SDYJ, T_PDYJ],
    },
    DeptT {
        name: "营销部",
        staff: (4, 6),
        female: 0.4,
        posts: &[
            ("营销专责", 3), ("电费核算专责", 1), ("市场开拓专责", 1), ("客户服务专责", 1), ("政工专责", 1),
        ],
        party_work: false,
        teams: &[T_YY, T_JL, T_ZBJD, T_YDJC],
    },
    DeptT {
        name: "发展建设部",
        staff: (3, 5),
        female: 0.3,
        posts: &[("规划专责", 2), ("项目管理专责", 2), ("基建管理专责", 2)],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "电力调度控制中心",
        staff: (3, 4),
        female: 0.3,
        posts: &[("调控专责", 2), ("自动化专责", 1), ("方式专责", 1)],
        party_work: false,
        teams: &[T_TK, T_ZDH],
    },
];

const T_CITY_TK: TeamT = TeamT {
    name: "地调调控班",
    staff: (10, 14),
    female: 0.35,
    workers: &[("调控员", 8), ("调度计划员", 2)],
    core: true,
};
const T_CITY_ZDH: TeamT = TeamT {
    name: "自动化运维班",
    staff: (6, 8),
    female: 0.3,
    workers: &[("自动化运维工", 5), ("通信运维工", 3)],
    core: true,
};
const T_CITY_BDYW1: TeamT = TeamT {
    name: "变电运维一班",
    ..T_BDYW
};
const T_CITY_BDYW2: TeamT = TeamT {
    name: "变电运维二班",
    ..T_BDYW
};
const T_CITY_BDYW3: TeamT = TeamT {
    name: "变电运维三班",
    ..T_BDYW
};
const T_CITY_SD1: TeamT = TeamT {
    name: "输电运检一班",
    core: true,
    ..T_SDYJ
};
const T_CITY_SD2: TeamT = TeamT {
    name: "输电运检二班",
    core: true,
    ..T_SDYJ
};
const T_CITY_DD: TeamT = TeamT {
    name: "带电作业班",
    staff: (8, 12),
    female: 0.02,
    workers: &[("带电作业工", 6), ("输电线路工", 2)],
    core: true,
};
const T_CITY_DF: TeamT = TeamT {
    name: "电费核算班",
    staff: (8, 12),
    female: 0.6,
    workers: &[("电费核算员", 6), ("抄表核算收费员", 3)],
    core: true,
};
const T_CITY_JL: TeamT = TeamT {
    name: "计量班",
    core: true,
    ..T_JL
};

/// Departments and centres of the city company (市供电公司本部).
pub const CITY_DEPTS: &[DeptT] = &[
    DeptT {
        name: "办公室",
        staff: (6, 9),
        female: 0.45,
        posts: &[
            ("综合管理专责", 3), ("文秘专责", 2), ("档案管理专责", 1), ("后勤管理专责", 1), ("信访专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "党委党建部",
        staff: (6, 9),
        female: 0.5,
        posts: &[
            ("党建专责", 3), ("宣传专责", 2), ("组织专责", 1), ("企业文化专责", 1), ("工会专责", 1), ("团委专责", 1),
        ],
        party_work: true,
        teams: &[],
    },
    DeptT {
        name: "纪委办公室",
        staff: (4, 6),
        female: 0.4,
        posts: &[("纪检专责", 3), ("审查调查专责", 1)],
        party_work: true,
        teams: &[],
    },
    DeptT {
        name: "人力资源部",
        staff: (5, 7),
        female: 0.5,
        posts: &[
            ("人力资源专责", 3), ("薪酬专责", 1), ("培训专责", 1), ("社保专责", 1), ("干部管理专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "财务资产部",
        staff: (6, 8),
        female: 0.65,
        posts: &[
            ("会计", 3), ("出纳", 1), ("预算专责", 1), ("资产专责", 1), ("税务专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "安全监察部",
        staff: (5, 7),
        female: 0.15,
        posts: &[
            ("安全监察专责", 3), ("质量监督专责", 1), ("应急管理专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "设备管理部",
        staff: (6, 8),
        female: 0.15,
        posts: &[
            ("变电专责", 2), ("输电专责", 2), ("配电专责", 2), ("生产技术专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "营销部",
        staff: (6, 8),
        female: 0.4,
        posts: &[
            ("营销专责", 3), ("电价专责", 1), ("市场开拓专责", 1), ("客户服务专责", 1), ("计量专责", 1),
        ],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "发展策划部",
        staff: (4, 6),
        female: 0.35,
        posts: &[("规划专责", 2), ("计划专责", 2), ("统计专责", 1)],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "建设部",
        staff: (4, 6),
        female: 0.2,
        posts: &[("基建管理专责", 2), ("项目管理专责", 2), ("技经专责", 1)],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "互联网部",
        staff: (3, 5),
        female: 0.35,
        posts: &[("信息化专责", 2), ("网络安全专责", 1), ("数据管理专责", 1)],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "审计部",
        staff: (3, 5),
        female: 0.5,
        posts: &[("审计专责", 3)],
        party_work: false,
        teams: &[],
    },
    DeptT {
        name: "电力调度控制中心",
        staff: (4, 6),
        female: 0.3,
        posts: &[
            ("调控专责", 2), ("自动化专责", 1), ("方式专责", 1), ("政工专责", 1),
        ],
        party_work: false,
        teams: &[T_CITY_TK, T_CITY_ZDH],
    },
    DeptT {
        name: "变电运维中心",
        staff: (3, 5),
        female: 0.2,
        posts: &[("运维专责", 2), ("技术专责", 1), ("政工专责", 1)],
        party_work: false,
        teams: &[T_CITY_BDYW1, T_CITY_BDYW2, T_CITY_BDYW3],
    },
    DeptT {
        name: "输电运检中心",
        staff: (3, 5),
        female: 0.15,
        posts: &[("运检专责", 2), ("技术专责", 1), ("政工专责", 1)],
        party_work: false,
        teams: &[T_CITY_SD1, T_CITY_SD2, T_CITY_DD],
    },
    DeptT {
        name: "客户服务中心",
        staff: (3, 5),
        female: 0.5,
        posts: &[("客户服务专责", 2), ("营销专责", 1), ("政工专责", 1)],
        party_work: false,
        teams: &[T_CITY_DF, T_CITY_JL],
    },
];

/// Workers of a 供电所 with weights.
pub const STATION_WORKERS: &[(&str, u32)] = &[
    ("台区经理", 40), ("配电线路工", 15), ("营业员", 10), ("客户经理", 10), ("综合柜员", 5), ("装表接电工", 8),
    ("抄表核算收费员", 6), ("农网配电营业工", 8),
];
pub const SUBSTATION_WORKERS: &[(&str, u32)] = &[("变电运维工", 6), ("变电值班员", 3)];

/// Positions mostly held by women in a 供电所 or team.
pub const FEMALE_LEANING: &[&str] = &[
    "营业员", "综合柜员", "客户经理", "电费核算员", "抄表核算收费员",
];

/// Town names for 供电所 (plausible for southeastern Shanxi; not a real county's list).
pub const TOWNS: &[&str] = &[
    "龙泉", "石门", "河底", "柳林", "王庄", "杜村", "马村", "南峪", "北社", "东阳", "西营", "黄碾", "辛庄", "五里铺", "郭村", "峪口",
    "店上", "岭底", "寨上", "关头", "沙河", "古韩", "虒亭", "夏店", "上遥", "西井", "侯堡", "善福", "洪井", "丰宜", "故县", "段柳",
    "韩北", "南垂", "西火", "苏店", "黄山", "石哲", "常隆", "北耽车", "桥上", "晋庄", "阳高", "龙溪", "东寨", "白杨", "张店", "宋村",
    "鲍店", "碾张",
];
/// Substation names (without the voltage).
pub const SUBSTATIONS: &[&str] = &[
    "东关", "城南", "西郊", "北环", "南关", "河东", "新华", "太行", "滨河", "紫金", "长兴", "潞宝",
    "漳河", "翠微", "英雄", "东湖", "光明", "淮海", "金威", "府后",
];
/// County names for the city-scale dataset (fictional, in the style of the region).
pub const COUNTIES: &[&str] = &[
    "清河县", "平川县", "太岳县", "云峰县", "安平县", "长乐县", "东岭县", "西河县", "南川县", "北源县",
];

/// A title that is only plausible in some months / some period.
pub struct Title {
    pub text: &'static str,
    /// Months of the year (1–12) it fits; empty means any.
    pub months: &'static [u32],
    /// First and last year-month (yyyymm) it fits; 0 means open.
    pub from: u32,
    pub to: u32,
}

const fn t(text: &'static str) -> Title {
    Title {
        text,
        months: &[],
        from: 0,
        to: 0,
    }
}
const fn tm(text: &'static str, months: &'static [u32]) -> Title {
    Title {
        text,
        months,
        from: 0,
        to: 0,
    }
}
const fn tp(text: &'static str, from: u32, to: u32) -> Title {
    Title {
        text,
        months: &[],
        from,
        to,
    }
}

pub const LECTURES_COMPANY: &[Title] = &[
    tp("学习贯彻党的二十大精神专题讲座", 202211, 202406),
    tp("学习贯彻党的二十届三中全会精神专题讲座", 202408, 202510),
    tp("学习贯彻党的二十届四中全会精神专题讲座", 202511, 0),
    tp("学习贯彻习近平文化思想专题讲座", 202311, 0),
    tp("《中国共产党纪律处分条例》专题辅导", 202401, 202412),
    tm("学习贯彻全国两会精神专题讲座", &[3, 4]),
    tm("“七一”专题党课", &[6, 7]),
    tm("“国家安全教育日”专题讲座", &[4]),
    tm("迎峰度夏安全生产专题讲座", &[5, 6]),
    tm("冬季安全生产专题讲座", &[11, 12]),
    t("新《安全生产法》专题解读"),
    t("《国家电网有限公司电力安全工作规程》专题讲座"),
    t("廉洁从业专题党课"),
    t("优质服务与投诉管理专题讲座"),
    t("新型电力系统建设专题讲座"),
    t("职工心理健康讲座"),
    t("保密知识专题讲座"),
    t("网络安全知识讲座"),
    t("意识形态工作专题辅导"),
    t("习近平生态文明思想专题讲座"),
    t("《中华人民共和国民法典》普法讲座"),
    t("防范电信网络诈骗知识讲座"),
    t("职业健康与急救知识讲座"),
    t("党史专题讲座"),
    t("电力市场化改革专题讲座"),
    t("政工干部业务能力提升培训"),
];

pub const LECTURES_UNIT: &[Title] = &[
    t("《电力安全工作规程》学习"),
    t("反违章专题讲座"),
    t("配网运维技术讲座"),
    t("优质服务专题培训"),
    t("典型事故案例分析"),
    t("触电急救与心肺复苏培训"),
    t("消防安全知识讲座"),
    t("新设备新技术讲座"),
    t("廉洁从业专题党课"),
    tm("“七一”专题党课", &[6, 7]),
    tm("防汛知识讲座", &[5, 6, 7]),
    tm("冬季防火防冻知识讲座", &[11, 12, 1]),
    t("党支部书记讲党课"),
];

pub const THEME_COMPANY: &[Title] = &[
    tp(
        "学习贯彻习近平新时代中国特色社会主义思想主题教育读书班",
        202304,
        202312,
    ),
    tp("主题教育专题学习研讨", 202304, 202401),
    tp("党纪学习教育集中学习", 202404, 202407),
    tp("党纪学习教育警示教育大会", 202405, 202407),
    tp("深入贯彻中央八项规定精神学习教育集中学习", 202503, 202507),
    t("党委理论学习中心组集中学习"),
    t("警示教育大会"),
    t("廉洁文化建设专题教育"),
    tm("“安全生产月”专题教育", &[6]),
    tm("“国家安全教育日”专题教育", &[4]),
    tm("“中国梦·劳动美”主题教育", &[4, 5]),
    tm("爱国主义主题教育", &[9, 10]),
    tm("“七一”表彰暨主题教育大会", &[6, 7]),
];

pub const THEME_UNIT: &[Title] = &[
    t("主题党日活动"),
    t("“三会一课”集中学习"),
    t("重温入党誓词主题党日"),
    t("“学习强国”学习交流"),
    t("安全警示教育"),
    tp("主题教育读书班", 202304, 202312),
    tp("党纪学习教育专题学习", 202404, 202407),
    tp("中央八项规定精神学习教育专题学习", 202503, 202507),
    tm("“安全生产月”专题学习", &[6]),
];

pub const BRIEFINGS: &[Title] = &[
    tm("公司年度工作会议精神宣讲", &[1, 2, 3]),
    tm("全国两会精神宣讲", &[3, 4]),
    tm("迎峰度夏形势任务宣讲", &[6, 7, 8]),
    tm("迎峰度冬形势任务宣讲", &[11, 12, 1]),
    tm("年中工作会议精神宣讲", &[7, 8]),
    t("安全生产形势宣讲"),
    t("“优化营商环境”形势任务宣讲"),
    t("提质增效专项行动宣讲"),
];

pub const FORUMS: &[Title] = &[
    t("一线职工座谈会"),
    tm("“五四”青年职工座谈会", &[4, 5]),
    tm("“三八”女职工座谈会", &[3]),
    tm("新进员工座谈会", &[8, 9, 10]),
    tm("劳模工匠座谈会", &[4, 5]),
    t("班组长座谈会"),
    t("“我为群众办实事”职工座谈会"),
    tm("迎新春职工座谈会", &[1, 2]),
    t("职工代表座谈会"),
];

pub const OTHERS_COMPANY: &[Title] = &[
    tm("学雷锋志愿服务活动", &[3]),
    tm("“三八”妇女节趣味活动", &[3]),
    tm("职工趣味运动会", &[4, 5, 9, 10]),
    tm("“世界读书日”读书分享会", &[4]),
    t("党员服务队进社区志愿服务"),
    tm("迎新春文艺汇演", &[1, 2]),
    tm("“我们的节日·端午”主题活动", &[6]),
    tm("“我们的节日·中秋”主题活动", &[9]),
    tm("“安全生产月”知识竞赛", &[6]),
    t("职工书画摄影展"),
    t("“最美国网人”事迹报告会"),
];

pub const OTHERS_UNIT: &[Title] = &[
    t("班组安全日活动"),
    t("进社区用电安全宣传"),
    t("读书分享会"),
    t("技能比武"),
    t("党员志愿服务"),
    tm("春节保电誓师会", &[1, 2]),
    tm("迎峰度夏誓师会", &[6]),
];

/// Red-education sites in Shanxi: (title, place).
pub const HERITAGE: &[(&str, &str)] = &[
    ("参观八路军太行纪念馆", "长治市武乡县八路军太行纪念馆"),
    ("参观八路军总部王家峪旧址", "长治市武乡县王家峪"),
    ("参观太行太岳烈士陵园", "长治市太行太岳烈士陵园"),
    ("参观黄崖洞兵工厂旧址", "长治市黎城县黄崖洞"),
    ("参观刘胡兰纪念馆", "吕梁市文水县刘胡兰纪念馆"),
    ("参观麻田八路军总部纪念馆", "晋中市左权县麻田镇"),
    ("参观左权将军纪念馆", "晋中市左权县"),
    ("参观晋绥边区革命纪念馆", "吕梁市兴县蔡家崖"),
    ("参观平型关大捷纪念馆", "大同市灵丘县平型关"),
    ("参观山西国民师范旧址革命活动纪念馆", "太原市迎泽区"),
    ("赴八路军文化园开展红色教育", "长治市武乡县八路军文化园"),
];

pub const LEAVE_FRONTLINE: &[(&str, u32)] = &[
    ("值班", 25), ("抢修", 12), ("出差", 10), ("病假", 10), ("年休假", 15), ("事假", 15), ("培训", 8), ("现场作业", 5),
];
pub const LEAVE_OFFICE: &[(&str, u32)] = &[
    ("出差", 30), ("病假", 12), ("年休假", 18), ("事假", 18), ("培训", 12), ("参加上级会议", 10),
];
pub const CANCEL_REASONS: &[&str] = &["防汛抢险", "上级临时通知", "电网抢修任务", "迎峰度夏保供电"];

pub const PLACES_COMPANY: &[&str] = &[
    "公司三楼会议室", "公司五楼大会议室", "职工之家", "党员活动室", "多功能厅", "培训中心报告厅",
];
pub const PLACES_DEPT: &[&str] = &["部门会议室", "三楼小会议室", "党员活动室"];
pub const PLACES_STATION: &[&str] = &["所会议室", "党员活动室", "职工之家", "供电所二楼会议室"];
pub const PLACES_TEAM: &[&str] = &["班组活动室", "班组学习室", "班组会议室"];
pub const PLACES_SUBSTATION: &[&str] = &["站会议室", "主控楼会议室"];
pub const PLACES_TALK: &[&str] = &["谈心谈话室", "党支部书记办公室", "小会议室", "职工之家"];
pub const PLACES_SONG: &[&str] = &["职工之家多功能厅", "公司礼堂", "培训中心报告厅"];

/// Age bands (inclusive) of staff in post, with weights: men retire at 60, women at 55 as 干部.
pub const MEN_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 12), ((31, 35), 10), ((36, 40), 10), ((41, 45), 13), ((46, 50), 18), ((51, 55), 22),
    ((56, 59), 15),
];
pub const WOMEN_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 14), ((31, 35), 12), ((36, 40), 12), ((41, 45), 16), ((46, 50), 22), ((51, 54), 24),
];
/// Women workers retire at 50.
pub const WOMEN_WORKER_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 16), ((31, 35), 14), ((36, 40), 14), ((41, 45), 20), ((46, 49), 26),
];

/// 春节 (first day of the lunar year); the week from the eve is a holiday.
pub const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2018, 2, 16), (2019, 2, 5), (2020, 1, 25), (2021, 2, 12), (2022, 2, 1), (2023, 1, 22),
    (2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13),
    (2030, 2, 3), (2031, 1, 23), (2032, 2, 11),
];
