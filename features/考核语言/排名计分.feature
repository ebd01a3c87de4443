# language: zh-CN
@考核语言 @排名计分
功能: 排名计分：在同组中排名，按名次档给分；并列、原始值为0的规则写在方案中
  原文：“按技能竞赛积分在同一学科类别的二级学院中排名，第1名得15分，第2至3名得12分，其余得9分；
  积分相同的名次并列，其后的名次顺延；积分为0的不参加排名，本项不得分。”

  背景:
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础

  场景: 同一学科类别内排名，并列跳号
    当 评分
    那么 “机电工程学院”在“r-contest”中排第 1 名
    而且 “信息工程学院”在“r-contest”中排第 2 名
    而且 “建筑工程学院”在“r-contest”中排第 2 名
    而且 “汽车工程学院”在“r-contest”中排第 4 名
    而且 “机电工程学院”被加“r-contest”共 15 分
    而且 “建筑工程学院”被加“r-contest”共 12 分
    而且 “汽车工程学院”被加“r-contest”共 9 分
    而且 “经济管理学院”在“r-contest”中排第 1 名
    而且 “人文艺术学院”在“r-contest”中排第 2 名
    而且 “人文艺术学院”被加“r-contest”共 12 分

  场景: 积分为0的不排名、不得分
    当 评分
    那么 “旅游管理学院”不参加“r-contest”的排名
    而且 “旅游管理学院”的“教学改革与竞赛”得分为 0 分

  场景: 并列不跳号
    假如 使用下面的考核方案：
      """
      id: try-dense
      title: 排名试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: points, name: 竞赛积分, type: decimal, minimum: 0, description: 竞赛积分}
      categories:
        - id: contest
          name: 技能竞赛
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第六条（一）}
          clauses:
            - no: 1
              text: 第1名得10分，第2至3名得6分，其余得3分；积分相同的名次并列，其后的名次不顺延。
              rules:
                - id: contest-rank
                  text: 第1名得10分，第2至3名得6分，其余得3分；积分相同的名次并列，其后的名次不顺延。
                  rank: points
                  order: 从高到低
                  ties: 并列不跳号
                  ranks:
                    - {up_to: 1, amount: 10}
                    - {up_to: 3, amount: 6}
                    - {amount: 3}
      """
    而且 X板块的“甲学院”填报了：
      | 事实   | 值 |
      | points | 40 |
    而且 X板块的“乙学院”填报了：
      | 事实   | 值 |
      | points | 30 |
    而且 X板块的“丙学院”填报了：
      | 事实   | 值 |
      | points | 30 |
    而且 X板块的“丁学院”填报了：
      | 事实   | 值 |
      | points | 20 |
    当 评分
    那么 “丁学院”在“contest-rank”中排第 3 名
    而且 “丁学院”的总分为 6 分
    而且 “丙学院”的总分为 6 分

  @错误
  场景: 排名计分没有写并列规则
    假如 使用下面的考核方案：
      """
      id: try-ties
      title: 排名试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
        - {id: points, name: 竞赛积分, type: decimal, minimum: 0, description: 竞赛积分}
      categories:
        - id: contest
          name: 技能竞赛
          points: 10
          blocks: [X]
          source: {file: examples/documents/demo-school-teaching.md, section: 第六条（一）}
          clauses:
            - no: 1
              text: 第1名得10分，其余得3分。
              rules:
                - id: contest-rank
                  text: 第1名得10分，其余得3分。
                  rank: points
                  order: 从高到低
                  ranks:
                    - {up_to: 1, amount: 10}
                    - {amount: 3}
      """
    那么 方案校验失败，错误信息包含“规则“contest-rank”按排名计分，必须写 ties（并列跳号 或 并列不跳号）”
