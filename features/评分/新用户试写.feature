# language: zh-CN
@评分 @新用户
功能: 按《如何编写场景》页面试写的场景（图书馆）

  背景:
    假如 使用考核方案“cz-quality-season”

  场景: 图书馆记录不完整、两位老师满意度偏低
    假如 B板块的“图书馆”填报了：
      | 事实                  | 值 |
      | study_held            | 是 |
      | discussion_held       | 是 |
      | incomplete_record     | 是 |
      | plan_missing_elements | 0  |
      | summary_missing_items | 0  |
    而且 “图书馆”的记录“teacher_evaluations”为：
      | teacher | semester    | satisfaction |
      | 刘老师  | 2009-2010-1 | 59           |
      | 陈老师  | 2009-2010-1 | 45.5         |
      | 何老师  | 2009-2010-1 | 60           |
    当 评分
    那么 “图书馆”被扣“study-5”共 1 分
    而且 “图书馆”因“学生评价满意度低于60分”被扣 2 分
    而且 “图书馆”的“执行效果”得分为 68 分
    而且 “图书馆”的总分为 97 分
    而且 “图书馆”没有被扣“a-exec-6”
