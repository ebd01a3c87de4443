# language: zh-CN
@考核语言 @考核等级
功能: 按总分定考核等级；在符合条件的考核对象中评比
  原文：“考核总分90分及以上为优秀，75分（含）至90分为合格，60分（含）至75分为基本合格，60分以下为不合格。”

  场景: 等级的边界与先进单位评选
    假如 使用考核方案“demo-school-teaching”
    而且 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
    当 评分
    那么 “人文艺术学院”的总分为 90 分
    而且 “人文艺术学院”的等级为“优秀”
    而且 “信息工程学院”的等级为“合格”
    而且 “建筑工程学院”的等级为“基本合格”
    而且 “旅游管理学院”的等级为“不合格”
    而且 “机电工程学院”获得“教学工作先进单位”
    而且 “人文艺术学院”获得“教学工作先进单位”
    而且 “经济管理学院”没有获奖
    而且 “经济管理学院”在本板块排名第 1 名

  场景: 年度优秀教师名额为参加考核教师人数的20%，只在优秀中评
    假如 使用考核方案“demo-teacher-annual”
    而且 以示例填报“examples/demo-teacher-annual-2024.yaml”为基础
    当 评分
    那么 “冯丽”获得“年度优秀教师”
    而且 “王建国”获得“年度优秀教师”
    而且 “李红”的等级为“优秀”
    而且 “李红”没有获奖
    而且 “赵磊”没有获奖
    而且 “周涛”没有获奖

  @错误
  场景: 等级线不是从高到低
    假如 使用下面的考核方案：
      """
      id: try-grading
      title: 等级试验
      scoring: {method: 加分制, full_marks: 10}
      blocks:
        - {id: X, name: 二级学院, kind: 二级学院}
      facts:
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
      grading:
        - levels:
            - {grade: 优秀, at_least: 7}
            - {grade: 合格, at_least: 7.5}
            - {grade: 不合格}
      """
    那么 方案校验失败，错误信息包含“考核等级的分数线应从高到低排列：“合格”的 7.5 分不低于上一级“优秀”的 7 分”
