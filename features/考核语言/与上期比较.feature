# language: zh-CN
@考核语言 @与上期比较
功能: 与上期比较：每进步一步加分、每退步一步扣分
  原文：“就业率比上一年度每提高1个百分点加1分，每下降1个百分点扣1分，不足1个百分点的部分不计；加分、扣分各以5分为限。”

  背景:
    假如 使用考核方案“demo-school-teaching”
    而且 X板块的“信息工程学院”填报了：
      | 事实            | 值     |
      | discipline      | 理工类 |
      | student_rating  | 88     |
      | employment_rate | 93.5   |
      | program_grade   | 良     |

  场景大纲: 按整步计分，加扣各以5分为限
    假如 “信息工程学院”上期的“employment_rate”为 <上期>
    当 评分
    那么 “信息工程学院”的“毕业生就业”得分为 <毕业生就业> 分

    例子:
      | 上期 | 毕业生就业 |
      | 93.5 | 8          |
      | 92.6 | 8          |
      | 92.5 | 9          |
      | 91.2 | 10         |
      | 85   | 13         |
      | 95.8 | 6          |
      | 94.4 | 8          |
      | 99.9 | 3          |

  场景: 进步超过5步只加5分
    假如 “信息工程学院”上期的“employment_rate”为 85
    当 评分
    那么 “信息工程学院”被加“q-employment-change”共 5 分
    而且 “信息工程学院”的“q-employment-change”超出上限截去 3 分

  @错误
  场景: 没有填报上期值
    当 评分
    那么 评分失败，错误信息包含“考核对象“信息工程学院”缺少上期的“employment_rate”（毕业生年终就业率（%））：规则“q-employment-change”要与上期比较，请在 previous 中填报”

  场景: 上期值从结果库中上一期的评分读取
    假如 结果库中保存了“2023年度”（2023-01-01 至 2023-12-31）的评分，其中“信息工程学院”的“employment_rate”为 95.8
    当 从结果库读取上期值评分
    那么 “信息工程学院”被扣“q-employment-change”共 2 分
    而且 “信息工程学院”的“毕业生就业”得分为 6 分
    而且 “信息工程学院”的“q-employment-change”的说明为“本期 93.5，上期 95.8（结果库第 1 次评分，2023年度），降低 2.3，计 2 步”

  场景: 只认最近的上一期，填报中写了上期值的以填报为准
    假如 结果库中保存了“2022年度”（2022-01-01 至 2022-12-31）的评分，其中“信息工程学院”的“employment_rate”为 80
    而且 结果库中保存了“2023年度”（2023-01-01 至 2023-12-31）的评分，其中“信息工程学院”的“employment_rate”为 91.2
    当 从结果库读取上期值评分
    那么 “信息工程学院”的“毕业生就业”得分为 10 分
    假如 “信息工程学院”上期的“employment_rate”为 95.8
    当 从结果库读取上期值评分
    那么 “信息工程学院”的“毕业生就业”得分为 6 分

  @错误
  场景: 结果库中也没有上期值
    当 从结果库读取上期值评分
    那么 评分失败，错误信息包含“填报的 previous 中没有，结果库”
    而且 评分失败，错误信息包含“中也没有（没有“demo-school-teaching”在 2024-09-01 之前结束的考核期的评分）；请在 previous 中填报，或先保存上一期的评分”

  场景: 按比例计分，没有上期值的不计分
    假如 使用下面的考核方案：
      """
      id: try-change
      title: 比较试验
      scoring: {method: 加分制, full_marks: 10, category_floor: 0}
      blocks:
        - {id: P, name: 专业, kind: 专业}
      facts:
        - {id: pass_rate, name: 技能证书通过率, type: decimal, minimum: 0, maximum: 100, description: 技能证书通过率（%）}
      categories:
        - id: cert
          name: 技能证书
          points: 10
          base: 5
          blocks: [P]
          source: {file: examples/documents/demo-school-teaching.md, section: 第五条（二）}
          clauses:
            - no: 1
              text: 以5分为基础分，通过率比上年每提高1个百分点加0.5分，每下降1个百分点扣0.5分；新设专业不比较。
              rules:
                - id: cert-change
                  text: 通过率比上年每提高1个百分点加0.5分，每下降1个百分点扣0.5分；新设专业不比较。
                  change: pass_rate
                  better: 升高
                  step: 1
                  steps: 按比例
                  gain: 0.5
                  loss: 0.5
                  if_no_previous: 不计分
      """
    而且 P板块的“机电一体化技术”填报了：
      | 事实      | 值   |
      | pass_rate | 88.3 |
    而且 “机电一体化技术”上期的“pass_rate”为 85.1
    而且 P板块的“工业机器人技术”填报了：
      | 事实      | 值 |
      | pass_rate | 90 |
    当 评分
    那么 “机电一体化技术”的总分为 6.6 分
    而且 “工业机器人技术”的总分为 5 分
