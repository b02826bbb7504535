//! 党群沟通 printouts: the 群众诉求上报单 and the 职工思想动态分析报告 (A4).
