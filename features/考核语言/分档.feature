# language: zh-CN
@考核语言 @分档
功能: 分档：值落在哪一档得哪一档的分（左闭右开，不重叠、不留空档）
  原文：“学生评教平均分90分及以上的得10分，85分（含）至90分的得8分，80分（含）至85分的得6分，80分以下的得3分。”

  背景:
    假如 使用考核方案“demo-school-teaching”

  场景大纲: 学生评教分档的边界
    假如 X板块的“信息工程学院”填报了：
      | 事实            | 值     |
      | discipline      | 理工类 |
      | student_rating  | <评教> |
      | employment_rate | 93.5   |
      | program_grade   | 良     |
    而且 “信息工程学院”上期的“employment_rate”为 93.5
    当 评分
    那么 “信息工程学院”的“学生评教”得分为 <得分> 分

    例子:
      | 评教  | 得分 |
      | 100   | 10   |
      | 90    | 10   |
      | 89.99 | 8    |
      | 85    | 8    |
      | 84.99 | 6    |
      | 80    | 6    |
      | 79.99 | 3    |
      | 0     | 3    |

  场景大纲: 就业率分档的边界
    假如 X板块的“信息工程学院”填报了：
      | 事实            | 值       |
      | discipline      | 理工类   |
      | student_rating  | 88       |
      | employment_rate | <就业率> |
      | program_grade   | 良       |
    而且 “信息工程学院”上期的“employment_rate”为 <就业率>
    当 评分
    那么 “信息工程学院”被加“q-employment”共 <得分> 分

    例子:
      | 就业率 | 得分 |
      | 95     | 10   |
      | 94.99  | 8    |
      | 90     | 8    |
      | 89.9   | 6    |
      | 85     | 6    |
      | 84.99  | 3    |

  @错误
  场景: 分档留了空档
    假如 使用下面的考核方案：
      """
      id: try-gap
      title: 分档试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: rating, name: 学生评教平均分, type: decimal, minimum: 0, maximum: 100, description: 学生评教平均分}
      categories:
        - id: rating
          name: 学生评教
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第五条（一）}
          clauses:
            - no: 1
              text: 90分及以上的得10分，85分（含）至90分的得8分，85分以下的得3分。
              rules:
                - id: rating-band
                  text: 90分及以上的得10分，85分（含）至90分的得8分，85分以下的得3分。
                  value: rating
                  bands:
                    - {at_least: 90, amount: 10}
                    - {at_least: 86, below: 90, amount: 8}
                    - {below: 85, amount: 3}
      """
    那么 方案校验失败，错误信息包含“规则“rating-band”的分档有空档：85 ≤ 值 < 86 不属于任何一档”

  @错误
  场景: 分档重叠
    假如 使用下面的考核方案：
      """
      id: try-overlap
      title: 分档试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: rating, name: 学生评教平均分, type: decimal, minimum: 0, maximum: 100, description: 学生评教平均分}
      categories:
        - id: rating
          name: 学生评教
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第五条（一）}
          clauses:
            - no: 1
              text: 90分及以上的得10分，85分至90分的得8分，85分以下的得3分。
              rules:
                - id: rating-band
                  text: 90分及以上的得10分，85分至90分的得8分，85分以下的得3分。
                  value: rating
                  bands:
                    - {at_least: 90, amount: 10}
                    - {at_least: 85, below: 91, amount: 8}
                    - {below: 85, amount: 3}
      """
    那么 方案校验失败，错误信息包含“规则“rating-band”的分档重叠：90 ≤ 值 < 91 同时属于两档”
