# language: zh-CN
@评分 @逐条
功能: 考核方案的每一条扣分条款
  每条条款单独填报一次，扣分按原文“分值 × 数量”计算；总分 = 100 − 扣分。
  数值由原文手算（见 shared/seeds/002 附件“三、考核标准”），不从方案 YAML 抄写。

  背景:
    假如 使用考核方案“cz-quality-season”

  场景大纲: A、B板块共同标准（学习讨论 10 分、活动方案 20 分）
    假如 <板块>板块的“<部门>”按要求开展了学习讨论并提交了完整方案和总结
    而且 “<部门>”填报事实“<事实>”为 <填报>
    当 评分
    那么 “<部门>”被扣“<规则>”共 <扣分> 分
    而且 “<部门>”的总分为 <总分> 分

    例子: 学习讨论
      | 板块 | 部门       | 事实                   | 填报 | 规则     | 扣分 | 总分 |
      | A    | 工会       | leader_not_invited     | 是   | study-1a | 1    | 99   |
      | B    | 图书馆     | leader_not_invited     | 是   | study-1a | 1    | 99   |
      | A    | 工会       | panel_not_notified     | 是   | study-1b | 0.5  | 99.5 |
      | B    | 基础部     | absent_members         | 2    | study-2  | 1    | 99   |
      | A    | 团委       | discussion_substantive | 否   | study-3a | 5    | 95   |
      | B    | 体育部     | study_held             | 否   | study-3b | 10   | 90   |
      | A    | 保卫处     | discussion_held        | 否   | study-4  | 7    | 93   |
      | B    | 实训中心   | incomplete_record      | 是   | study-5  | 1    | 99   |

    例子: 活动方案
      | 板块 | 部门       | 事实                  | 填报 | 规则   | 扣分 | 总分 |
      | A    | 教务处     | vague_items           | 2    | plan-1 | 0.2  | 99.8 |
      | B    | 工商管理系 | plan_missing_elements | 2    | plan-2 | 2    | 98   |
      | A    | 总务处     | missing_duties        | 2    | plan-3 | 1    | 99   |
      | B    | 财会金融系 | substandard_items     | 2    | plan-4 | 0.2  | 99.8 |
      | A    | 督导室     | items_without_service | 2    | plan-5 | 0.2  | 99.8 |

  场景大纲: A板块个性标准（执行效果 70 分）
    假如 A板块的“<部门>”按要求开展了学习讨论并提交了完整方案和总结
    而且 “<部门>”填报事实“<事实>”为 <填报>
    当 评分
    那么 “<部门>”被扣“<规则>”共 <扣分> 分
    而且 “<部门>”的“执行效果”得分为 <执行效果> 分

    例子:
      | 部门       | 事实                        | 填报 | 规则      | 扣分 | 执行效果 |
      | 教务处     | duties_unrecorded           | 2    | a-exec-1  | 0.4  | 69.6     |
      | 督导室     | months_without_service      | 2    | a-exec-2  | 0.4  | 69.6     |
      | 工会       | passive_cooperation         | 2    | a-exec-3  | 2    | 68       |
      | 总务处     | documents_without_action    | 2    | a-exec-4  | 2    | 68       |
      | 教务处     | parttime_workload_shortfall | 2    | a-exec-5  | 2    | 68       |
      | 保卫处     | missed_duty_shifts          | 2    | a-exec-7  | 1    | 69       |
      | 教务处     | missed_teaching_research    | 2    | a-exec-8  | 1    | 69       |
      | 团委       | documents_not_relayed       | 2    | a-exec-9  | 2    | 68       |
      | 计划财务处 | issues_not_rectified        | 2    | a-exec-10 | 1    | 69       |
      | 保卫处     | serious_violations_unlinked | 2    | a-exec-12 | 10   | 60       |
      | 学生工作处 | problems_without_education  | 2    | a-exec-13 | 2    | 68       |
      | 工会       | summary_missing_items       | 2    | a-exec-14 | 2    | 68       |

  场景大纲: B板块个性标准（执行效果 70 分）
    假如 B板块的“<部门>”按要求开展了学习讨论并提交了完整方案和总结
    而且 “<部门>”填报事实“<事实>”为 <填报>
    当 评分
    那么 “<部门>”被扣“<规则>”共 <扣分> 分
    而且 “<部门>”的“执行效果”得分为 <执行效果> 分

    例子:
      | 部门               | 事实                          | 填报 | 规则      | 扣分 | 执行效果 |
      | 财会金融系         | duties_unrecorded             | 2    | b-exec-1  | 0.4  | 69.6     |
      | 工商管理系         | passive_cooperation           | 2    | b-exec-2  | 2    | 68       |
      | 基础部             | documents_without_action      | 2    | b-exec-3  | 2    | 68       |
      | 计算机与信息管理系 | months_without_student_report | 2    | b-exec-4  | 2    | 68       |
      | 图书馆             | parttime_workload_shortfall   | 2    | b-exec-5a | 2    | 68       |
      | 工业自动化系       | fulltime_workload_shortfall   | 2    | b-exec-5b | 2    | 68       |
      | 旅游文法建筑工程系 | below_observation_requirement | 2    | b-exec-8  | 1    | 69       |
      | 实训中心           | missed_duty_shifts            | 2    | b-exec-9  | 1    | 69       |
      | 基础部             | missed_teaching_research      | 2    | b-exec-10 | 1    | 69       |
      | 成人教育部         | documents_not_relayed         | 2    | b-exec-11 | 2    | 68       |
      | 体育部             | issues_not_rectified          | 2    | b-exec-12 | 1    | 69       |
      | 工业自动化系       | no_paper_lesson_plan          | 2    | b-exec-13 | 1    | 69       |
      | 财会金融系         | serious_violations_unlinked   | 2    | b-exec-14 | 10   | 60       |
      | 工商管理系         | problems_without_education    | 2    | b-exec-15 | 2    | 68       |
      | 计算机与信息管理系 | summary_missing_items         | 2    | b-exec-16 | 2    | 68       |

  @保底
  场景: 执行效果一类被扣到0分以下时只扣到0分
    假如 A板块的“保卫处”按要求开展了学习讨论并提交了完整方案和总结
    而且 “保卫处”填报事实“serious_violations_unlinked”为 15
    当 评分
    那么 “保卫处”被扣“a-exec-12”共 75 分
    而且 “保卫处”的“执行效果”得分为 0 分
    而且 “保卫处”的“执行效果”被类别保底截去 5 分
    而且 “保卫处”的总分为 30 分
