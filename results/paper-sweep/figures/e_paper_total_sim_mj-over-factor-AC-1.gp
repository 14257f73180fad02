# cd to this folder, then: gnuplot e_paper_total_sim_mj-over-factor-AC-1.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'e_paper_total_sim_mj-over-factor-AC-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'AC-1: E_sim over f' noenhanced
set xlabel 'fog energy-efficiency factor f' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale x
set xrange [0.8695652173913044:23]
set key below height 1
set xtics nomirror (1, 2, 5, 10, 20)
plot 'e_paper_total_sim_mj-over-factor-AC-1.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'radio = nrf52832-1m, T_conn = 7.5 ms' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'radio = nrf52832-1m, T_conn = 30 ms' noenhanced, \
     '' using 1:4 with linespoints lw 1.5 ps 0.8 lc rgb '#D55E00' dt 3 pt 9 title 'radio = nrf52832-1m, T_conn = 100 ms' noenhanced, \
     '' using 1:5 with linespoints lw 1.5 ps 0.8 lc rgb '#009E73' dt 4 pt 13 title 'radio = nrf52840-2m, T_conn = 7.5 ms' noenhanced, \
     '' using 1:6 with linespoints lw 1.5 ps 0.8 lc rgb '#CC79A7' dt 5 pt 11 title 'radio = nrf52840-2m, T_conn = 30 ms' noenhanced, \
     '' using 1:7 with linespoints lw 1.5 ps 0.8 lc rgb '#E69F00' dt 1 pt 3 title 'radio = nrf52840-2m, T_conn = 100 ms' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'e_paper_total_sim_mj-over-factor-AC-1.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'e_paper_total_sim_mj-over-factor-AC-1.pdf'
replot
unset output
