# language: zh-CN
@考核语言 @计分方法
功能: 扣分制、加分制、基础分、子项目、权重、最低分与舍入
  每个考核类别：得分 = 基础分 + 加分 − 扣分，限制在 [最低分, 本项分值] 之内，再按声明舍入；
  子项目向上合计，写了权重的按权重合成。数值按 examples/documents/demo-teacher-annual.md 手算。

  背景:
    假如 使用考核方案“demo-teacher-annual”

  场景: 基本职责60%、业绩40%，总分保留一位小数
    假如 T板块的“吴静”填报了：
      | 事实         | 值         |
      | department   | 信息工程系 |
      | title        | 讲师       |
      | lesson_grade | 良         |
      | late_logs    | 2          |
    而且 “吴静”的记录“achievements”为：
      | title        | level |
      | 网页设计微课 | 校级  |
    当 评分
    那么 “吴静”的“课堂教学质量”得分为 32 分
    而且 “吴静”的“教学规范”得分为 39.6 分
    而且 “吴静”的“基本职责”得分为 91.6 分
    而且 “吴静”的“业绩”得分为 65 分
    而且 “吴静”的总分为 81 分

  场景: 业绩以60分为基础分，加分最高到100分
    假如 T板块的“李红”填报了：
      | 事实           | 值         |
      | department     | 机电工程系 |
      | title          | 副教授     |
      | lesson_grade   | 良         |
      | student_awards | 1          |
    而且 “李红”的记录“achievements”为：
      | title                | level  |
      | 智能制造专业教学标准 | 国家级 |
      | 数控技术精品课程     | 省级   |
      | 液压传动活页教材     | 省级   |
    当 评分
    那么 “李红”被加“t-achievements”共 40 分
    而且 “李红”被加“t-student-awards”共 10 分
    而且 “李红”的“业绩”被封顶截去 10 分
    而且 “李红”的“业绩”得分为 100 分

  场景: 教研活动扣完为止，多扣的部分单列
    假如 T板块的“郑凯”填报了：
      | 事实              | 值         |
      | department        | 信息工程系 |
      | title             | 讲师       |
      | lesson_grade      | 优         |
      | research_absences | 6          |
    当 评分
    那么 “郑凯”被扣“t-research”共 24 分
    而且 “郑凯”的“教研活动”得分为 0 分
    而且 “郑凯”的“教研活动”被类别保底截去 4 分
    而且 “郑凯”的“基本职责”得分为 80 分
    而且 “郑凯”的总分为 72 分

  场景: 系部教学管理以25分为基础分，可加可扣
    假如 T板块的“张三”填报了：
      | 事实           | 值     |
      | department     | 测试系 |
      | title          | 讲师   |
      | lesson_grade   | 优     |
      | student_awards | 2      |
    而且 D板块的“测试系”填报了：
      | 事实              | 值 |
      | inspection_issues | 3  |
    当 评分
    那么 “张三”的总分为 92 分
    而且 “测试系”被加“d-awards”共 2 分
    而且 “测试系”被扣“d-inspection”共 6 分
    而且 “测试系”的“系部教学管理”得分为 21 分

  场景: 四舍五入是逢五进一
    假如 使用下面的考核方案：
      """
      id: try-rounding
      title: 舍入试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: score, name: 评审得分, type: decimal, minimum: 0, maximum: 10, description: 专家评审得分}
      categories:
        - id: review
          name: 专家评审
          points: 10
          rounding: {decimals: 1, mode: 四舍五入}
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第三条}
          clauses:
            - no: 1
              text: 按专家评审得分计分，保留一位小数，第二位四舍五入。
              rules:
                - {id: review-score, text: 按专家评审得分计分, count: score, amount: 1, unit: 分}
      """
    而且 X板块的“甲学院”填报了：
      | 事实  | 值   |
      | score | 7.25 |
    而且 X板块的“乙学院”填报了：
      | 事实  | 值   |
      | score | 7.35 |
    当 评分
    那么 “甲学院”的总分为 7.3 分
    而且 “乙学院”的总分为 7.4 分

  场景: 去尾是多余的位数直接舍去
    假如 使用下面的考核方案：
      """
      id: try-truncate
      title: 舍入试验（去尾）
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: score, name: 评审得分, type: decimal, minimum: 0, maximum: 10, description: 专家评审得分}
      categories:
        - id: review
          name: 专家评审
          points: 10
          rounding: {decimals: 1, mode: 去尾}
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第三条}
          clauses:
            - no: 1
              text: 按专家评审得分计分，保留一位小数，第二位舍去。
              rules:
                - {id: review-score, text: 按专家评审得分计分, count: score, amount: 1, unit: 分}
      """
    而且 X板块的“甲学院”填报了：
      | 事实  | 值   |
      | score | 7.29 |
    当 评分
    那么 “甲学院”的总分为 7.2 分

  @错误
  场景: 权重合计不是100%
    假如 使用下面的考核方案：
      """
      id: try-weights
      title: 权重试验
      scoring: {method: 加分制, full_marks: 100}
      blocks:
        - {id: T, name: 教师, kind: 教师}
      facts:
        - {id: a, name: 甲项得分, type: decimal, minimum: 0, maximum: 100, description: 甲项得分}
        - {id: b, name: 乙项得分, type: decimal, minimum: 0, maximum: 100, description: 乙项得分}
      categories:
        - id: part-a
          name: 甲项
          points: 100
          weight: 60%
          blocks: [T]
          source: {file: examples/documents/demo-teacher-annual.md, section: 第三条}
          clauses:
            - no: 1
              text: 甲项得分。
              rules:
                - {id: a-score, text: 甲项得分, count: a, amount: 1, unit: 分}
        - id: part-b
          name: 乙项
          points: 100
          weight: 30%
          blocks: [T]
          source: {file: examples/documents/demo-teacher-annual.md, section: 第三条}
          clauses:
            - no: 1
              text: 乙项得分。
              rules:
                - {id: b-score, text: 乙项得分, count: b, amount: 1, unit: 分}
      """
    那么 方案校验失败，错误信息包含“T板块第一级考核类别的权重合计 90%，应为 100%”

  场景: 子项目不写计分方法时沿用上一级
    假如 使用下面的考核方案：
      """
      id: try-inherit
      title: 计分方法沿用试验
      scoring: {method: 扣分制, full_marks: 20}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: contest_awards, name: 竞赛获奖项数, type: integer, minimum: 0, default: 0, description: 当年竞赛获奖项数}
      categories:
        - id: merit
          name: 业绩
          points: 20
          method: 加分制
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第六条}
          categories:
            - id: contest
              name: 竞赛
              points: 20
              clauses:
                - no: 1
                  text: 竞赛获奖每项加5分。
                  rules:
                    - {id: contest-awards, text: 竞赛获奖每项加5分。, count: contest_awards, amount: 5, unit: 项}
      """
    而且 X板块的“机电工程学院”填报了：
      | 事实           | 值 |
      | contest_awards | 1  |
    当 评分
    那么 “机电工程学院”被加“contest-awards”共 5 分
    而且 “机电工程学院”的“竞赛”得分为 5 分
    而且 “机电工程学院”的总分为 5 分
