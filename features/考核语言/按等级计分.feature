# language: zh-CN
@考核语言 @按等级计分
功能: 按记录的等级计分，本款上限与本项最低分
  原文：“一级教学事故每起扣10分，二级教学事故每起扣5分，三级教学事故每起扣2分；本款累计扣分不超过15分。”
  “教学运行……扣分以20分为限。”（30分的项目最低10分）

  背景:
    假如 使用考核方案“demo-school-teaching”
    而且 X板块的“汽车工程学院”填报了：
      | 事实            | 值     |
      | discipline      | 理工类 |
      | student_rating  | 79.5   |
      | employment_rate | 85     |
      | program_grade   | 差     |
    而且 “汽车工程学院”上期的“employment_rate”为 85

  场景大纲: 每一级事故的分值
    假如 “汽车工程学院”的记录“teaching_incidents”为：
      | summary  | level  |
      | 事故一起 | <等级> |
    当 评分
    那么 “汽车工程学院”被扣“op-incidents”共 <扣分> 分
    而且 “汽车工程学院”的“教学运行”得分为 <教学运行> 分

    例子:
      | 等级 | 扣分 | 教学运行 |
      | 二级 | 5    | 25       |
      | 三级 | 2    | 28       |

  场景: 本款最多扣15分，本项扣分以20分为限
    假如 “汽车工程学院”填报事实“unapproved_class_changes”为 6
    而且 “汽车工程学院”的记录“teaching_incidents”为：
      | summary                      | level |
      | 实训课无教师在岗造成学生受伤 | 一级  |
      | 未按时提交成绩               | 三级  |
      | 调课未通知学生               | 三级  |
      | 试卷保管不善                 | 三级  |
    当 评分
    那么 “汽车工程学院”被扣“op-incidents”共 15 分
    而且 “汽车工程学院”的“op-incidents”超出上限截去 1 分
    而且 “汽车工程学院”被扣“op-class-changes”共 6 分
    而且 “汽车工程学院”的“教学运行”得分为 10 分
    而且 “汽车工程学院”的“教学运行”被类别保底截去 1 分

  @错误
  场景: 事故等级填了不存在的等级
    假如 “汽车工程学院”的记录“teaching_incidents”为：
      | summary  | level |
      | 事故一起 | 四级  |
    当 评分
    那么 评分失败，错误信息包含“考核对象“汽车工程学院”的记录清单“teaching_incidents”（教学事故）第 1 条的字段“level”（事故等级）应为 一级、二级、三级 之一，实际为“四级””

  @错误
  场景: 分值漏了一个等级
    假如 使用下面的考核方案：
      """
      id: try-levels
      title: 按等级计分试验
      scoring: {method: 扣分制, full_marks: 30}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts: []
      records:
        - id: teaching_incidents
          name: 教学事故
          description: 每起教学事故一条记录。
          fields:
            - {id: level, name: 事故等级, type: text, values: [一级, 二级, 三级]}
      categories:
        - id: operation
          name: 教学运行
          points: 30
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第四条}
          clauses:
            - no: 1
              text: 一级教学事故每起扣10分，二级教学事故每起扣5分。
              rules:
                - id: incidents
                  text: 一级教学事故每起扣10分，二级教学事故每起扣5分。
                  each: teaching_incidents
                  by: level
                  amounts: {一级: 10, 二级: 5}
      """
    那么 方案校验失败，错误信息包含“规则“incidents”的 amounts 缺少“三级”的分值（“事故等级”允许的取值：一级、二级、三级）”
