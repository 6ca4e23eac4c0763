-- 0003_reference_data: the department's crime types and the outcome figures programs record.
-- Both lists are reference data the app reads; later migrations may add rows.

insert into crime_types (code, label, category) values
    ('homicide',          'Homicide',                        'violent'),
    ('robbery',           'Robbery',                         'violent'),
    ('aggravated_assault','Aggravated assault',              'violent'),
    ('simple_assault',    'Simple assault',                  'violent'),
    ('burglary',          'Burglary / breaking and entering','property'),
    ('larceny',           'Larceny / theft',                 'property'),
    ('theft_from_vehicle','Theft from motor vehicle',        'property'),
    ('vehicle_theft',     'Motor vehicle theft',             'property'),
    ('shoplifting',       'Shoplifting',                     'property'),
    ('fraud',             'Fraud / scams',                   'property'),
    ('vandalism',         'Vandalism / graffiti',            'property'),
    ('drug',              'Drug violations',                 'drug'),
    ('disorderly',        'Disorderly conduct',              'disorder'),
    ('trespass',          'Trespassing',                     'disorder'),
    ('traffic',           'Motor vehicle / traffic',         'traffic'),
    ('other',             'Other',                           'other');

insert into outcome_measures (code, label, unit, at_most) values
    ('car_seats_inspected',   'Car seats inspected',            'count',   null),
    ('tips_received',         'Tips received',                  'count',   null),
    ('rewards_paid',          'Rewards paid',                   'dollars', null),
    ('funds_raised',          'Funds raised',                   'dollars', null),
    ('helmets_given',         'Helmets given out',              'count',   null),
    ('bikes_registered',      'Bicycles registered',            'count',   null),
    ('homes_surveyed',        'Home security surveys',          'count',   null),
    ('medications_collected', 'Medication collected (lbs)',     'count',   null),
    ('arrests_from_tips',     'Arrests resulting from tips',    'count',   null);

insert into outcome_measures (code, label, unit, at_most) values
    ('car_seats_incorrect',   'Car seats installed incorrectly','count',   'car_seats_inspected');
