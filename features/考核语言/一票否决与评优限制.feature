# language: zh-CN
@考核语言 @一票否决
功能: 一票否决改写总分或等级；评优限制只限制等级或评比，不改变得分

  场景: 一级教学事故：总分记0分，等级不合格
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    当 评分
    那么 “汽车工程学院”因“veto-incident”被一票否决
    而且 “汽车工程学院”按条款计分为 38 分
    而且 “汽车工程学院”的总分为 0 分
    而且 “汽车工程学院”的等级为“不合格”
    而且 “汽车工程学院”在本板块排名第 7 名
    而且 “汽车工程学院”不能参加“教学工作先进单位”评比
    而且 “机电工程学院”没有被一票否决

  场景: 重大安全责任事故同样一票否决
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    而且 “人文艺术学院”填报事实“major_safety_accident”为 是
    当 评分
    那么 “人文艺术学院”因“veto-incident”被一票否决
    而且 “人文艺术学院”按条款计分为 90 分
    而且 “人文艺术学院”的总分为 0 分
    而且 “人文艺术学院”没有获奖

  场景: 师德失范只定等级，得分照常
    假如 使用考核方案“demo-teacher-annual”
    而且 T板块的“周涛”填报了：
      | 事实             | 值         |
      | department       | 信息工程系 |
      | title            | 副教授     |
      | lesson_grade     | 优         |
      | student_awards   | 1          |
      | ethics_violation | 是         |
    而且 “周涛”的记录“achievements”为：
      | title              | level |
      | 软件测试课程资源库 | 省级  |
    当 评分
    那么 “周涛”因“veto-ethics”被一票否决
    而且 “周涛”的总分为 92 分
    而且 “周涛”的等级为“不合格”

  场景: 发生二级及以上教学事故，不参加先进单位评选
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    而且 “机电工程学院”的记录“teaching_incidents”为：
      | summary          | level |
      | 擅自变更考试时间 | 二级  |
    当 评分
    那么 “机电工程学院”的总分为 89 分
    而且 “机电工程学院”的等级为“合格”
    而且 “机电工程学院”不能参加“教学工作先进单位”评比
    而且 “机电工程学院”没有被一票否决
    而且 “人文艺术学院”获得“教学工作先进单位”
    而且 “机电工程学院”没有获奖

  场景: 有教学事故的教师不得评为优秀
    假如 使用考核方案“demo-teacher-annual”
    而且 T板块的“赵磊”填报了：
      | 事实           | 值         |
      | department     | 机电工程系 |
      | title          | 讲师       |
      | lesson_grade   | 优         |
      | student_awards | 3          |
    而且 “赵磊”的记录“teaching_incidents”为：
      | summary        | level |
      | 实训课提前下课 | 三级  |
    而且 “赵磊”的记录“achievements”为：
      | title        | level |
      | PLC课程微课  | 校级  |
      | 机械制图题库 | 校级  |
    当 评分
    那么 “赵磊”的总分为 97 分
    而且 “赵磊”的等级为“合格”

  场景: 投诉最多的排除出评优，并列的一并排除
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    当 评分
    那么 “信息工程学院”不能参加“教学工作先进单位”评比
    而且 “经济管理学院”不能参加“教学工作先进单位”评比
    而且 “经济管理学院”的等级为“优秀”
    而且 “经济管理学院”的总分为 92.5 分
    而且 “机电工程学院”可以参加“教学工作先进单位”评比

  场景: 都没有投诉时谁也不排除
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    而且 “机电工程学院”填报事实“verified_complaints”为 0
    而且 “信息工程学院”填报事实“verified_complaints”为 0
    而且 “汽车工程学院”填报事实“verified_complaints”为 0
    而且 “经济管理学院”填报事实“verified_complaints”为 0
    而且 “人文艺术学院”填报事实“verified_complaints”为 0
    当 评分
    那么 “经济管理学院”可以参加“教学工作先进单位”评比
    而且 “经济管理学院”获得“教学工作先进单位”
    而且 “机电工程学院”获得“教学工作先进单位”
    而且 “人文艺术学院”没有获奖

  @错误
  场景: 一票否决的等级不在考核等级之中
    假如 使用下面的考核方案：
      """
      id: try-veto
      title: 否决试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: accident, name: 发生重大安全责任事故, type: boolean, default: false, description: 发生时填是}
        - {id: rate, name: 就业率, type: decimal, minimum: 0, maximum: 100, description: 就业率}
      categories:
        - id: jobs
          name: 就业
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第五条（二）}
          clauses:
            - no: 1
              text: 按就业率的十分之一计分。
              rules:
                - {id: jobs-rate, text: 按就业率的十分之一计分, count: rate, amount: 0.1, unit: "%"}
      vetoes:
        - id: veto-accident
          text: 发生重大安全责任事故的，考核等级为不及格。
          when: {accident: true}
          grade: 不及格
      grading:
        - levels:
            - {grade: 合格, at_least: 6}
            - {grade: 不合格}
      """
    那么 方案校验失败，错误信息包含“一票否决“veto-accident”的等级“不及格”不是考核等级之一（可选：合格、不合格）”
