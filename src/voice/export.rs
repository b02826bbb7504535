//! The .xlsx exports of 党群沟通's lists: 群众诉求, 思想动态, 联系点走访, 谈心谈话 (summaries
//! only when asked for, and only those the viewer may see) and the coverage tables.
