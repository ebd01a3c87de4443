# language: zh-CN
@考核语言 @等级赋值
功能: 等级赋值：评委给出等级，得分 = 等级系数 × 本项分值
  原文：“评为优、良、中、差的，分别按本项分值的100%、80%、70%、50%计分。”

  背景:
    假如 使用考核方案“demo-teacher-annual”

  场景大纲: 课堂教学质量40分按等级计分
    假如 T板块的“孙敏”填报了：
      | 事实         | 值         |
      | department   | 机电工程系 |
      | title        | 助教       |
      | lesson_grade | <等级>     |
    当 评分
    那么 “孙敏”被加“t-lesson”共 <得分> 分
    而且 “孙敏”的“课堂教学质量”得分为 <得分> 分

    例子:
      | 等级 | 得分 |
      | 优   | 40   |
      | 良   | 32   |
      | 中   | 28   |
      | 差   | 20   |

  场景大纲: 学院的省级评估等级同样按表计分
    假如 D板块的“机电工程系”填报了：
      | 事实              | 值 |
      | inspection_issues | 0  |
    而且 T板块的“王建国”填报了：
      | 事实         | 值         |
      | department   | 机电工程系 |
      | title        | 教授       |
      | lesson_grade | 优         |
    而且 C板块的“示例职业技术学院”填报了：
      | 事实             | 值     |
      | provincial_grade | <等级> |
    当 评分
    那么 “示例职业技术学院”被加“c-evaluation”共 <得分> 分

    例子:
      | 等级 | 得分 |
      | 优   | 20   |
      | 良   | 16   |
      | 中   | 14   |
      | 差   | 10   |

  @错误
  场景: 填了等级表中没有的等级
    假如 T板块的“孙敏”填报了：
      | 事实         | 值         |
      | department   | 机电工程系 |
      | title        | 助教       |
      | lesson_grade | 较好       |
    当 评分
    那么 评分失败，错误信息包含“考核对象“孙敏”的事实“lesson_grade”（课堂教学质量评定等级）应为 优、良、中、差 之一，实际为“较好””

  @错误
  场景: 等级系数超过1
    假如 使用下面的考核方案：
      """
      id: try-scale
      title: 等级表试验
      scoring: {method: 加分制, full_marks: 10}
      grade_scales:
        - id: three
          name: 三级
          grades:
            - {grade: 好, value: 1.2}
            - {grade: 中, value: 0.8}
            - {grade: 差, value: 0.5}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: g, name: 评定等级, type: grade, scale: three, description: 评定等级}
      categories:
        - id: review
          name: 评定
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第五条（三）}
          clauses:
            - no: 1
              text: 按等级计分。
              rules:
                - {id: review-grade, text: 按等级计分, grade: g, amount: 10}
      """
    那么 方案校验失败，错误信息包含“不能大于 1，实际为 1.2”
